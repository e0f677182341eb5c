import { rgbPng } from '../src-main/test-support/images'

/** A real PNG drawn here (a harbour at dawn, 320×120) so no binary fixture is needed. */
export function harbourPng(width = 320, height = 120): Buffer {
  return rgbPng(width, height, (x, y) => {
    if ((x - 220) ** 2 + (y - 48) ** 2 < 22 ** 2) return [255, 196, 90] // sun
    if (y > 78) return [30, 80 + ((x + y) % 24), 130] // sea
    return [240 - y, 150 + y / 2, 120 + y]
  })
}
