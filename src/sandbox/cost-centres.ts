// Cost centres (Kostenstellen) of a sandbox account: three per account, as a merchant might set them up, with
// account-specific ids derived from the account (no stored state, so old state files need no migration).
// `GET /CostCentre` lists them; a voucher naming another cost centre is refused with 422, as sevDesk refuses
// references to objects of other accounts.
import type { ApiRequest } from './api-router.js';
import { unprocessable } from './errors.js';
import { head, sevClientRef } from './records.js';
import { page } from './respond.js';
import type { AccountState } from './state.js';

export interface CostCentreRec {
  id: number;
  number: string;
  name: string;
  color: string;
}

const TEMPLATES = [
  { number: '100', name: 'Onlineshop', color: '#2f7d32' },
  { number: '200', name: 'Marktplätze', color: '#1565c0' },
  { number: '300', name: 'Großhandel', color: '#ef6c00' },
] as const;

export function costCentresOf(account: AccountState): CostCentreRec[] {
  return TEMPLATES.map((t, i) => ({ id: account.sevClientId * 1000 + 101 + i, ...t }));
}

export function requireCostCentre(account: AccountState, id: number): CostCentreRec {
  const found = costCentresOf(account).find((c) => c.id === id);
  if (!found) throw unprocessable(`CostCentre ${id} does not exist in this account`);
  return found;
}

export function renderCostCentre(account: AccountState, c: CostCentreRec) {
  return {
    ...head({ id: c.id, create: account.created }, 'CostCentre'),
    sevClient: sevClientRef(account.sevClientId),
    number: c.number,
    name: c.name,
    color: c.color,
    postingAccount: null,
  };
}

export function listCostCentres(req: ApiRequest) {
  return page(req.query, costCentresOf(req.account), (c) => renderCostCentre(req.account, c));
}
