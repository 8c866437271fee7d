// Reads the QR code the page painted (`Session.pixels`), decoded by jsQR. A QR that is present
// but not scannable (wrong colours, no quiet zone, squashed) fails here.
import jsQR from 'jsqr';

/** The text of the QR code in a pngjs image, or null when none can be read. */
export function decodeQr(img) {
  const found = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height);
  return found ? found.data : null;
}
