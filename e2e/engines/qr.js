// Reads the QR code the page painted: the element's screenshot, decoded by jsQR. A QR that is
// present but not scannable (wrong colours, no quiet zone, squashed) fails here.
import { PNG } from 'pngjs';
import jsQR from 'jsqr';

export function decodePng(png) {
  const img = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  return found ? found.data : null;
}
