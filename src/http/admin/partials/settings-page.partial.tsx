import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { Banner, CsrfField, type FieldErrors, Outcome, ShopField } from '../components.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { type SettingsTab, SettingsTabs } from './settings-tabs.partial.js';

// The frame every settings tab shares: heading, tabs, "no shop yet", the last save's confirmation and the
// "fix the marked fields" alert; and the card form each tab saves with.

export const SettingsPage: FC<
  PropsWithChildren<{
    page: PageContext;
    tab: SettingsTab;
    tabLabel: string;
    notice?: string | null | undefined;
    errors?: FieldErrors | undefined;
    /** The alert over a form with field errors (default: the common sentence). */
    fixErrors?: string;
    /** Extra content in the page heading (a link or button). */
    headAction?: Child;
  }>
> = ({ page, tab, tabLabel, notice, errors, fixErrors, headAction, children }) => {
  const { t } = page;
  return (
    <Layout page={page} title={`${t.settings.title} · ${tabLabel}`} nav="settings">
      <div class="page-head">
        <h1>{t.settings.title}</h1>
        {headAction}
      </div>
      <SettingsTabs t={t} active={tab} />
      {!page.shop ? <Banner tone="info">{t.common.noShop}</Banner> : null}
      <Outcome ok={notice} problem={errors && errors.size > 0 ? (fixErrors ?? t.common.fixErrors) : null} />
      {children}
    </Layout>
  );
};

/** A settings card: a form for the selected shop with an optional title, its fields, and the save button. */
export const SettingsForm: FC<
  PropsWithChildren<{
    page: PageContext;
    action: string;
    submit: string;
    /** Title and its id (the form is labelled by it). */
    title?: { id: string; text: Child };
    /** Shown between the title and the fields. */
    intro?: Child;
    id?: string;
    /** Whether the form acts on the selected shop (not so when it creates one). */
    forShop?: boolean;
  }>
> = ({ page, action, submit, title, intro, id, forShop = true, children }) => (
  <form method="post" action={action} class="card" novalidate id={id} aria-labelledby={title?.id}>
    {title ? <h2 id={title.id}>{title.text}</h2> : null}
    {intro}
    <CsrfField token={page.csrfToken} />
    {forShop ? <ShopField shopId={page.shop?.id} /> : null}
    {children}
    <div class="actions-row">
      <button type="submit">{submit}</button>
    </div>
  </form>
);
