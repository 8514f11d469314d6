import type { FC } from 'hono/jsx';
import { accountingTexts } from '../accounting/accounting-i18n.js';
import { NavItem } from '../components.js';
import type { Messages } from '../i18n/de.js';

export type SettingsTab = 'shop' | 'woocommerce' | 'sevdesk' | 'accounting';

export const SettingsTabs: FC<{ t: Messages; active: SettingsTab }> = ({ t, active }) => {
  const tab = (key: SettingsTab, href: string, label: string) => (
    <NavItem href={href} current={active === key} label={label} />
  );
  return (
    <nav aria-label={t.settings.tabs}>
      <ul class="tabs">
        {tab('shop', '/admin/settings', t.settings.tabShop)}
        {tab('woocommerce', '/admin/settings/woocommerce', t.settings.tabWoo)}
        {tab('sevdesk', '/admin/settings/sevdesk', t.settings.tabSevdesk)}
        {tab('accounting', '/admin/settings/accounting', accountingTexts(t.locale === 'en-GB' ? 'en' : 'de').tab)}
      </ul>
    </nav>
  );
};
