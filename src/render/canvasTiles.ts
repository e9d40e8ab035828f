/** The canvas picture is a stack of tiles (canvases) so a frame touches only those on screen. */

/** What is drawn: [left, right] across, [top, bottom] down (layout coordinates). */
export interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** One canvas of the stack: layout rows [top, top + height). */
export interface Tile {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D | null;
  top: number;
  height: number;
}
