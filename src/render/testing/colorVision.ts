/**
 * Colour-vision deficiency simulation for tests: Machado, Oliveira and Fernandes (2009)
 * matrices at full severity, applied in linear sRGB, and the CIE76 colour difference in
 * CIELAB (d3-color's lab).
 */
import { lab, rgb } from 'd3-color';

export type Deficiency = 'protanopia' | 'deuteranopia' | 'tritanopia';

type Matrix = readonly (readonly [number, number, number])[];

/** Machado et al. 2009, severity 1.0. */
const MACHADO: Readonly<Record<Deficiency, Matrix>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (c: number) => {
  const v = Math.min(1, Math.max(0, c));
  return 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
};

/** How `color` looks to someone with `deficiency`, as #rrggbb. */
export function simulate(color: string, deficiency: Deficiency): string {
  const c = rgb(color);
  const v = [toLinear(c.r), toLinear(c.g), toLinear(c.b)];
  const [r, g, b] = MACHADO[deficiency].map(
    (row) => row[0] * v[0]! + row[1] * v[1]! + row[2] * v[2]!,
  );
  return rgb(fromLinear(r!), fromLinear(g!), fromLinear(b!)).formatHex();
}

/** CIE76 ΔE*ab between two colours. */
export function deltaE(a: string, b: string): number {
  const x = lab(a);
  const y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}
