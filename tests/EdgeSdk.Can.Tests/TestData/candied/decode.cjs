// Independent reference for EdgeSdk.Can's tests: decodes frames with the npm package candied.
// Usage: node decode.cjs FILE.dbc FRAMES.json  (FRAMES.json: [{"message":"NAME","data":[bytes...]}, ...])
// Prints one JSON array, one entry per frame: {"message":..., "signals":{"SIG":{"raw":r,"physical":p,"endian":e}}}.
//
// candied reads an Intel signal exactly as the DBC format defines it. For a Motorola signal it takes the
// start bit as the signal's LSB, while the DBC format (Vector, cantools, opendbc) gives the MSB in sawtooth
// numbering. So for Motorola signals this script converts the DBC start bit to the LSB's sawtooth position
// first (walk length-1 bits on from the MSB in big-endian bit order) and hands that to candied's own bit
// extraction; "rawAsCandiedReadsDbc" is candied's value with the start bit as written, for the record.
'use strict';
const fs = require('fs');
const { Dbc, Can } = require('candied');

const [dbcPath, framesPath] = process.argv.slice(2);
const dbc = new Dbc();
const data = dbc.load(fs.readFileSync(dbcPath, 'utf8'));
const can = new Can();
can.database = data;
const frames = JSON.parse(fs.readFileSync(framesPath, 'utf8'));

function motorolaLsbStartBit(msbStartBit, length) {
  const msbLinear = 8 * Math.floor(msbStartBit / 8) + (7 - (msbStartBit % 8));
  const lsbLinear = msbLinear + length - 1;
  return 8 * Math.floor(lsbLinear / 8) + (7 - (lsbLinear % 8));
}

const out = [];
for (const frame of frames) {
  const message = data.messages.get(frame.message);
  if (!message) {
    out.push({ message: frame.message, missing: true, signals: {} });
    continue;
  }
  const signals = {};
  for (const [name, signal] of message.signals) {
    let raw;
    let asWritten = null;
    if (signal.endian === 'Intel') {
      raw = can.decodeSignal(frame.data, signal).rawValue;
    } else {
      const lsb = motorolaLsbStartBit(signal.startBit, signal.length);
      raw = can.extractValFromPayload(frame.data, lsb, signal.length, 'Motorola', signal.signed);
      asWritten = can.decodeSignal(frame.data, signal).rawValue;
    }
    // candied clamps its physical value to [min, max]; the comparison is on raw*factor+offset, unclamped.
    signals[name] = { raw, physical: raw * signal.factor + signal.offset, endian: signal.endian, rawAsCandiedReadsDbc: asWritten };
  }
  out.push({ message: frame.message, signals });
}
process.stdout.write(JSON.stringify(out));
