// Reads {"points":[[lat,lon],...]} on stdin and prints, per point, what gcoord and coordtransform
// make of it in every direction, as JSON ([lat, lon] pairs). Run by NpmDatumCrossCheckTests.
const gcoord = require('gcoord');
const ct = require('coordtransform');
let input = '';
process.stdin.on('data', d => { input += d; });
process.stdin.on('end', () => {
  const points = JSON.parse(input).points;
  const swap = p => [p[1], p[0]];
  const out = points.map(([lat, lon]) => ({
    gcoord: {
      wgsToGcj: swap(gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02)),
      gcjToBd: swap(gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.BD09)),
      gcjToWgs: swap(gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84)),
      bdToGcj: swap(gcoord.transform([lon, lat], gcoord.BD09, gcoord.GCJ02)),
    },
    coordtransform: {
      wgsToGcj: swap(ct.wgs84togcj02(lon, lat)),
      gcjToBd: swap(ct.gcj02tobd09(lon, lat)),
      gcjToWgs: swap(ct.gcj02towgs84(lon, lat)),
      bdToGcj: swap(ct.bd09togcj02(lon, lat)),
    },
  }));
  process.stdout.write(JSON.stringify(out));
});
