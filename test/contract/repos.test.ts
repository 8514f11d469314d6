import { pgAvailable } from '../support/databases.js';
import { repositoryContract } from './repos.contract.js';

repositoryContract('sqlite');
repositoryContract('postgres', { skip: !pgAvailable() });
