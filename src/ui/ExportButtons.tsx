import { layoutOfGeneration, renderGroupSvg, scenarioTopics } from '../render/staticSvg';
import { useAppStore } from '../store/store';
import { downloadBlob, fileSlug } from './download';

/** Saves the primary assignor's current generation as a picture: SVG, or PNG drawn from it. */
export function ExportButtons() {
  const generation = useAppStore((s) => s.generation);
  const primary = useAppStore((s) => s.assignors[0] ?? 'sticky');
  const hasResult = useAppStore(
    (s) => (s.results[primary]?.length ?? 0) >= s.generation && s.generation > 0,
  );

  const svgText = (): string => {
    const state = useAppStore.getState();
    const generations = state.results[primary] ?? [];
    const layout = layoutOfGeneration(generations, generation, {
      width: 960,
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
    const svg = svgText();
    const image = new Image();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      const scale = 2;
      canvas.width = image.naturalWidth * scale;
      canvas.height = image.naturalHeight * scale;
      const context = canvas.getContext('2d');
      if (context === null) return;
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (png !== null) downloadBlob(png, `${baseName()}.png`);
    } finally {
      URL.revokeObjectURL(url);
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
