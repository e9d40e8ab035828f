import { expect, type Locator, type Page } from '@playwright/test';
import { escapeRegExp } from './pages';

/** The rebalance-protocol parts of the page: the switch, the round view, its metrics. */
export class ProtocolPage {
  readonly view: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByRole('region', { name: 'Protocol rounds' });
  }

  choose = (label: string) => this.page.getByLabel('Rebalance protocol').selectOption({ label });
  compareWith = (label: string) =>
    this.page.getByLabel('Compare with protocol').selectOption({ label });
  stepRounds = () => this.page.getByLabel('Step through rounds (◀ ▶, ← →)').check();

  /** The timings section of the protocol controls, opened (it starts folded). */
  async openTimings(): Promise<void> {
    const details = this.page.locator('details.protocol-timings');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  /** A timing's number field, by its label ("Heartbeat", "Revoke", …). */
  timing = (label: string): Locator =>
    this.page.locator('details.protocol-timings').getByLabel(label, { exact: true });

  /** Types a timing and applies it as the user does: Enter. */
  async setTiming(label: string, value: string): Promise<void> {
    await this.openTimings();
    await this.timing(label).fill(value);
    await this.timing(label).press('Enter');
  }

  /** One protocol's side of the view (by its label, e.g. "cooperative (KIP-429)"). */
  side(label: string): Locator {
    return this.view.getByRole('article', {
      name: new RegExp(`^${escapeRegExp(label)} at generation`),
    });
  }

  /** The round buttons of a side; the pressed one is the position shown. */
  rounds(label: string): Locator {
    return this.side(label).getByRole('group', { name: 'Rounds' }).getByRole('button');
  }

  async expectRound(label: string, text: RegExp): Promise<void> {
    await expect(
      this.side(label).getByRole('group', { name: 'Rounds' }).locator('[aria-pressed="true"]'),
    ).toHaveText(text);
  }

  member(label: string, member: string): Locator {
    return this.side(label).locator(`[data-member="${member}"]`);
  }

  /** The protocol metrics table's cell for `metric` in the column of `column` (0-based). */
  metric(metric: string, column = 0): Locator {
    return this.page
      .getByRole('table', { name: 'Protocol metrics' })
      .locator(`tr[data-metric="${metric}"] td`)
      .nth(column + 1);
  }
}
