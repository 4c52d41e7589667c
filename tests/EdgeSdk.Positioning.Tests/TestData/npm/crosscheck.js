// Reads {"points":[[lat,lon],...],"wgs":[[lat,lon],...],"gcj":[[lat,lon],...]} on stdin, where wgs[i]
// and gcj[i] are EdgeSdk's exact inverses GCJ→WGS and BD→GCJ of points[i]. Prints, per point and
// library, the library's transforms of the point and its forward transforms of EdgeSdk's inverses,
// as [lat, lon] pairs. Run by NpmDatumCrossCheckTests.
const gcoord = require('gcoord');
const ct = require('coordtransform');
const libraries = {
  gcoord: {
    wgsToGcj: (lon, lat) => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02),
    gcjToBd: (lon, lat) => gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.BD09),
    gcjToWgs: (lon, lat) => gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84),
    bdToGcj: (lon, lat) => gcoord.transform([lon, lat], gcoord.BD09, gcoord.GCJ02),
  },
  coordtransform: {
    wgsToGcj: ct.wgs84togcj02,
    gcjToBd: ct.gcj02tobd09,
    gcjToWgs: ct.gcj02towgs84,
    bdToGcj: ct.bd09togcj02,
  },
};
let input = '';
process.stdin.on('data', d => { input += d; });
process.stdin.on('end', () => {
  const { points, wgs, gcj } = JSON.parse(input);
  const latLon = lonLat => [lonLat[1], lonLat[0]];
  const out = points.map(([lat, lon], i) => {
    const result = {};
    for (const [name, f] of Object.entries(libraries)) {
      result[name] = {
        wgsToGcj: latLon(f.wgsToGcj(lon, lat)),
        gcjToBd: latLon(f.gcjToBd(lon, lat)),
        gcjToWgs: latLon(f.gcjToWgs(lon, lat)),
        bdToGcj: latLon(f.bdToGcj(lon, lat)),
        forwardOfOurWgs: latLon(f.wgsToGcj(wgs[i][1], wgs[i][0])),
        forwardOfOurGcj: latLon(f.gcjToBd(gcj[i][1], gcj[i][0])),
      };
    }
    return result;
  });
  process.stdout.write(JSON.stringify(out));
});
