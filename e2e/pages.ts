import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Page objects: the only place that knows how the page is built. Specs say what the user does
 * ("add member C9", "go to generation 2") and what they see, never which selector finds it.
 */

/** The timeline: generation label, step buttons, the chip per generation, playback. */
export class TimelinePage {
  readonly root: Locator;
  readonly label: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: 'Timeline' });
    this.label = page.getByTestId('generation-label');
  }

  /** Waits until the label reads "Generation `generation` of `total`". */
  async expectAt(generation: number, total: number): Promise<void> {
    await expect(this.label).toHaveText(`Generation ${generation} of ${total}`);
  }

  first = () => this.page.getByRole('button', { name: 'First generation' }).click();
  previous = () => this.page.getByRole('button', { name: 'Previous generation' }).click();
  next = () => this.page.getByRole('button', { name: 'Next generation' }).click();
  last = () => this.page.getByRole('button', { name: 'Last generation' }).click();
  play = () => this.page.getByRole('button', { name: 'Play' }).click();
  pause = () => this.page.getByRole('button', { name: 'Pause' }).click();

  /** The chip of one generation in the list; `summary` is matched at the start of its text. */
  chip(generation: number, summary?: string): Locator {
    const name = new RegExp(`^${generation}${summary !== undefined ? ` ${summary}` : '\\b'}`);
    return this.root.getByRole('list', { name: 'Generations' }).getByRole('button', { name });
  }

  /** Clicks the chip of `generation`. */
  async goTo(generation: number): Promise<void> {
    await this.chip(generation).click();
  }

  dropButton(): Locator {
    return this.root.getByRole('button', { name: /^Drop the steps after generation \d+$/ });
  }
}

/** The side bar that edits the group: members, subscriptions, topics, batching. */
export class GroupEditorPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('complementary', { name: 'Edit the group' });
  }

  async addMember(id?: string): Promise<void> {
    if (id !== undefined) await this.root.getByLabel('New member id').fill(id);
    await this.root.getByRole('button', { name: 'Add member' }).click();
  }

  removeMember = (id: string) => this.root.getByRole('button', { name: `Remove ${id}` }).click();
  staticRestart = (id: string) =>
    this.root.getByRole('button', { name: `Restart as a static member ${id}` }).click();

  /** The checkbox saying whether `member` subscribes to `topic`. */
  subscription(member: string, topic: string): Locator {
    return this.root.getByLabel(`${member} subscribes to ${topic}`);
  }

  async addTopic(name: string, partitions?: number): Promise<void> {
    await this.root.getByLabel('New topic name').fill(name);
    if (partitions !== undefined)
      await this.root.getByLabel('New topic partitions').fill(String(partitions));
    await this.root.getByRole('button', { name: 'Add topic' }).click();
  }

  topicRow(topic: string): Locator {
    return this.root.locator(`[data-topic-row="${topic}"]`);
  }

  memberRow(member: string): Locator {
    return this.root.locator(`[data-member-row="${member}"]`);
  }

  /** The note that says which generation the controls edit (shown away from the end). */
  editingPoint(): Locator {
    return this.root.getByRole('note', { name: 'Where edits go' });
  }
}

/** The lanes of one assignor: a panel per assignor, a lane per member, a token per partition. */
export class LanesPage {
  readonly root: Locator;

  constructor(
    readonly page: Page,
    assignor?: string,
  ) {
    const panels = page.locator('article.group-panel');
    this.root =
      assignor === undefined
        ? panels.first()
        : page.locator(`article.group-panel[data-assignor="${assignor}"]`);
  }

  /** Every partition token; narrowed by topic and owner when given ("" = unowned). */
  tokens(filter: { topic?: string; owner?: string; highlighted?: boolean } = {}): Locator {
    let selector = '[data-topic]';
    if (filter.topic !== undefined) selector = `[data-topic="${filter.topic}"]`;
    if (filter.owner !== undefined) selector += `[data-owner="${filter.owner}"]`;
    if (filter.highlighted !== undefined) selector += `[data-highlighted="${filter.highlighted}"]`;
    return this.root.locator(selector);
  }

  /** Tokens the checker marked as wrong (`duplicate`, `misassigned`). */
  tokensInState(state: string): Locator {
    return this.root.locator(`[data-state="${state}"]`);
  }

  /** Member ids of the lanes, in order (the unassigned lane left out). */
  async members(): Promise<string[]> {
    return this.root
      .locator('[data-member]:not([data-lane="unassigned"])')
      .evaluateAll((lanes) => lanes.map((lane) => lane.getAttribute('data-member') ?? ''));
  }

  /** Owner of each token shown, as "topic-partition": owner. */
  async owners(): Promise<Record<string, string>> {
    return this.root
      .locator('[data-topic][data-partition]')
      .evaluateAll((tokens) =>
        Object.fromEntries(
          tokens.map((t) => [
            `${t.getAttribute('data-topic')}-${t.getAttribute('data-partition')}`,
            t.getAttribute('data-owner') ?? '',
          ]),
        ),
      );
  }

  inspect = (member: string) =>
    this.root
      .getByRole('button', { name: new RegExp(`^Inspect member ${escapeRegExp(member)}(,| \\()`) })
      .click();
}

/** The whole page: top bar, notices, and the parts above. */
export class AppPage {
  readonly timeline: TimelinePage;
  readonly editor: GroupEditorPage;
  /** The primary (first) assignor's lanes. */
  readonly lanes: LanesPage;
  readonly scenarioName: Locator;

  constructor(readonly page: Page) {
    this.timeline = new TimelinePage(page);
    this.editor = new GroupEditorPage(page);
    this.lanes = new LanesPage(page);
    this.scenarioName = page.locator('.top-bar .scenario-name');
  }

  /** Opens the app (animations off unless `path` says otherwise) and waits for it to show. */
  async open(path = '/?animations=off'): Promise<void> {
    await this.page.goto(path);
    await this.ready();
  }

  /** Waits for the page to be up, e.g. after a reload. */
  async ready(): Promise<void> {
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Rebalance Playground' }),
    ).toBeVisible();
  }

  /** The lanes of one assignor's panel. */
  lanesOf(assignor: string): LanesPage {
    return new LanesPage(this.page, assignor);
  }

  /** Every assignor panel shown. */
  panels(): Locator {
    return this.page.locator('article.group-panel');
  }

  /** The message bar: `status` for information, `alert` for errors. */
  notice(kind: 'info' | 'error' = 'info'): Locator {
    return this.page
      .locator(`.notice.${kind}`)
      .filter({ has: this.page.getByLabel('Dismiss message') });
  }

  dismissNotice = () => this.page.getByRole('button', { name: 'Dismiss message' }).click();

  undoButton(): Locator {
    return this.page.getByRole('group', { name: 'History' }).getByRole('button', { name: /Undo/ });
  }

  redoButton(): Locator {
    return this.page.getByRole('group', { name: 'History' }).getByRole('button', { name: /Redo/ });
  }

  async importFile(name: string, contents: string | Buffer): Promise<void> {
    await this.page.getByLabel('Import scenario file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: typeof contents === 'string' ? Buffer.from(contents) : contents,
    });
  }

  chooseLesson = (title: string) => this.page.getByLabel('Lessons').selectOption({ label: title });

  showAssignor = (name: string) => this.page.getByLabel(`Show ${name}`).check();

  /** What the autosave holds now, as the scenario file text (undefined if nothing saved). */
  /** The scenario file text the autosave holds (unwrapped from its envelope, if it has one). */
  savedScenario(): Promise<string | undefined> {
    return this.page.evaluate(() => {
      const text = localStorage.getItem('rebalance-playground/autosave');
      if (text === null) return undefined;
      const saved = JSON.parse(text) as { format?: string; scenario?: unknown };
      return saved.format === 'rebalance-playground/autosave'
        ? JSON.stringify(saved.scenario)
        : text;
    });
  }
}

/**
 * Opens the app on `page` (animations off unless `path` says otherwise). Page errors are the
 * `pageErrors` fixture's to catch (e2e/fixtures.ts); a second page must be `watch`ed there.
 */
export async function openApp(page: Page, path?: string): Promise<AppPage> {
  const app = new AppPage(page);
  await app.open(path);
  return app;
}

/** The primary (first) assignor panel. */
export function primaryPanel(page: Page): Locator {
  return new LanesPage(page).root;
}

/** Member ids of the lanes shown in a panel, in order. */
export async function laneMembers(page: Page, panel = primaryPanel(page)): Promise<string[]> {
  return panel
    .locator('[data-member]:not([data-lane="unassigned"])')
    .evaluateAll((lanes) => lanes.map((lane) => lane.getAttribute('data-member') ?? ''));
}

/** `text` matched literally inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
