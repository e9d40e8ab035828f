import { layoutOfGeneration, renderGroupSvg, scenarioTopics } from '../render/staticSvg';
import { LABELLED_TOKEN_SIZE } from '../render/tokenLabels';
import { useAppStore } from '../store/store';
import { downloadBlob, fileSlug } from './download';
import { useShallow } from 'zustand/react/shallow';

/** Pixels per SVG unit in the PNG: sharp on high-density screens. */
const PNG_SCALE = 2;
/** Browsers refuse canvases past about this many pixels a side (Chromium: 32,767). */
const MAX_CANVAS_SIDE = 16_384;

/** The SVG picture drawn into a PNG, at PNG_SCALE (less when the picture is very big). */
async function pngOf(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    try {
      await image.decode();
    } catch {
      throw new Error('the browser could not draw the SVG picture');
    }
    const scale = Math.min(
      PNG_SCALE,
      MAX_CANVAS_SIDE / image.naturalWidth,
      MAX_CANVAS_SIDE / image.naturalHeight,
    );
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('this browser gives no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (png === null) throw new Error('the picture is too big for a PNG in this browser');
    return png;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves the primary assignor's current generation as a picture: SVG, or PNG drawn from it. */
export function ExportButtons() {
  const { generation, primary } = useAppStore(
    useShallow((s) => ({
      generation: s.generation,
      primary: s.assignors[0] ?? 'sticky',
    })),
  );
  const hasResult = useAppStore(
    (s) => (s.results[primary]?.length ?? 0) >= s.generation && s.generation > 0,
  );

  const svgText = (): string => {
    const state = useAppStore.getState();
    const generations = state.results[primary] ?? [];
    const layout = layoutOfGeneration(generations, generation, {
      width: 960,
      // As on the page: room for labels where the lanes have it.
      maxTokenSize: LABELLED_TOKEN_SIZE,
      topics: scenarioTopics(state.scenario),
    });
    return renderGroupSvg(layout, {
      title: `${state.scenario.name}: ${primary}, generation ${generation}`,
      subtitle: generations[generation - 1]?.summary,
    });
  };

  const baseName = () =>
    `${fileSlug(useAppStore.getState().scenario.name)}-${primary}-generation-${generation}`;

  const exportPng = async () => {
    try {
      const png = await pngOf(svgText());
      downloadBlob(png, `${baseName()}.png`);
    } catch (error) {
      useAppStore.getState().showNotice({
        kind: 'error',
        text: `Export PNG failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  return (
    <span className="row">
      <button
        type="button"
        className="small"
        disabled={!hasResult}
        onClick={() =>
          downloadBlob(new Blob([svgText()], { type: 'image/svg+xml' }), `${baseName()}.svg`)
        }
      >
        Export SVG
      </button>
      <button
        type="button"
        className="small"
        disabled={!hasResult}
        onClick={() => void exportPng()}
      >
        Export PNG
      </button>
    </span>
  );
}
