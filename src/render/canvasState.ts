/**
 * What the canvas renderer's modules share: its elements and the mutable state of the picture
 * (the layout shown, its sprites, the animation and the tasks still pending). lanesCanvas.ts
 * makes one per renderer; sizing, pointer, frame loop and drawing each read and write the parts
 * they own through it.
 */
import type { Timer } from 'd3-timer';
import type { LaneSprite, Sprites } from './canvasSprites';
import type { Tile } from './canvasTiles';
import type { GroupLayout, TokenLayout } from './layoutTypes';
import type { AnimationPlan } from './timeline';

/** While animating, what is this far (px) above or below the screen is drawn too. */
export const CULL_MARGIN = 200;
/** Browsers refuse canvases much taller than this (in device pixels). */
export const MAX_CANVAS_SIDE = 16_000;
/** The height of a tile (CSS px): a canvas each. */
export const TILE_HEIGHT = 1024;
/**
 * A settled picture with up to this many tokens is drawn in one go. Past it, the tiles on
 * screen (plus CULL_MARGIN) are drawn at once and the others one per task.
 */
export const DRAW_AT_ONCE_LIMIT = 20_000;
/** Updates with more tokens than this are prepared in slices, a task each. */
export const PREPARE_AT_ONCE_LIMIT = 5_000;

/** The renderer's elements: wrapper > spacer > (surface > tiles, buttons, rings). */
export interface CanvasElements {
  /** Scrolls horizontally when the layout is wider than the visible area. */
  readonly wrapper: HTMLDivElement;
  /** As big as the layout. */
  readonly spacer: HTMLDivElement;
  /** The picture: the tiles, one under the other. */
  readonly surface: HTMLDivElement;
  /** The accessibility overlay (see canvasOverlay.ts). */
  readonly buttons: HTMLDivElement;
  /** Rings around the selected partition's tokens, over the picture (see canvasRings.ts). */
  readonly rings: HTMLDivElement;
}

export interface CanvasState extends CanvasElements {
  readonly tiles: Tile[];
  layout: GroupLayout | undefined;
  /** Tokens per lane, for hit testing: made on the first hover after an update. */
  tokensByLane: TokenLayout[][] | undefined;
  sprites: Sprites | undefined;
  laneSprites: Map<string, LaneSprite>;
  plan: AnimationPlan | undefined;
  running: Timer | undefined;
  /** ms into the running animation; Infinity when settled. */
  elapsedNow: number;
  /** The wrapper's width as last measured (0: not yet), so updates need not force a layout. */
  measuredWidth: number;
  viewWidth: number;
  /** The layout's height, or while animating the taller of the old and the new one. */
  viewHeight: number;
  dpr: number;
  /** Cancels the tiles of a settled picture still to be drawn. */
  cancelSlices: (() => void) | undefined;
  /** Cancels an update still being prepared. */
  cancelPrepare: (() => void) | undefined;
  /** A draw requested for the next animation frame (0: none). */
  drawRequest: number;
}

/** Makes the renderer's elements inside `el`. */
export function createCanvasElements(el: HTMLElement): CanvasElements {
  const wrapper = document.createElement('div');
  wrapper.className = 'lanes-canvas';
  wrapper.style.cssText = 'position:relative;overflow-x:auto;overflow-y:hidden;width:100%;';
  const spacer = document.createElement('div');
  spacer.style.cssText = 'position:relative;';
  const surface = document.createElement('div');
  surface.style.cssText = 'position:sticky;left:0;top:0;display:block;';
  surface.setAttribute('role', 'img');
  const buttons = document.createElement('div');
  buttons.style.cssText = 'position:absolute;left:0;top:0;';
  const rings = document.createElement('div');
  rings.className = 'selection';
  rings.setAttribute('aria-hidden', 'true');
  rings.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;';
  spacer.append(surface, buttons, rings);
  wrapper.append(spacer);
  el.append(wrapper);
  return { wrapper, spacer, surface, buttons, rings };
}

/** A fresh state over `elements`: nothing shown yet. */
export function createCanvasState(elements: CanvasElements): CanvasState {
  return {
    ...elements,
    tiles: [],
    layout: undefined,
    tokensByLane: undefined,
    sprites: undefined,
    laneSprites: new Map(),
    plan: undefined,
    running: undefined,
    elapsedNow: Infinity,
    measuredWidth: 0,
    viewWidth: 0,
    viewHeight: 0,
    dpr: 1,
    cancelSlices: undefined,
    cancelPrepare: undefined,
    drawRequest: 0,
  };
}
