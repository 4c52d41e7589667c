// The cockpit page: one server-sent event stream (/events) of JSON messages, each with a "kind":
// signal (a VSS value with its databroker timestamp), target (an actuator target the page set),
// fix (position in WGS-84 and GCJ-02, satellites per constellation), track (the track so far), alerts.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const MAX_TRACK_POINTS = 5000, MAX_LATENCIES = 2000;
  // What the page has measured, read by the browser test: latency = drawn (next animation frame) − databroker timestamp.
  const stats = window.cockpitHmi = { messages: 0, signals: 0, latenciesMs: [], errors: 0, lastError: '' };

  const fmt = (v, digits) => (typeof v === 'number' ? v.toFixed(digits) : '–');
  const yesNo = (on, yes, no) => (on === true ? yes : on === false ? no : '–');
  const gearName = (g) => (g === 0 ? 'N' : g < 0 ? 'R' : String(g));
  let live = false;       // false while the initial state (values stamped before the page connected) arrives
  const targets = {};     // VSS path -> target the page knows
  const currents = {};    // VSS path -> current value

  // One table: VSS path -> how the page shows it.
  const views = {
    'Vehicle.Speed': (v) => { $('speed').textContent = fmt(v, 0); },
    'Vehicle.Powertrain.Transmission.CurrentGear': (v) => { $('gear').textContent = gearName(v); },
    'Vehicle.Powertrain.CombustionEngine.Speed': (v) => { $('rpm').textContent = fmt(v, 0) + ' rpm'; },
    'Vehicle.Powertrain.FuelSystem.RelativeLevel': (v) => { $('fuel').textContent = fmt(v, 0) + ' %'; },
    'Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed': (v) => { $('soc').textContent = fmt(v, 0) + ' %'; },
    'Vehicle.Cabin.Door.Row1.DriverSide.IsOpen': (v) => { $('door').textContent = yesNo(v, 'open', 'closed'); },
    'Vehicle.Cabin.Seat.Row1.DriverSide.IsBelted': (v) => { $('belt').textContent = yesNo(v, 'fastened', 'unfastened'); },
    'Vehicle.Body.Lights.Beam.Low.IsOn': (v) => { $('lowbeam').textContent = yesNo(v, 'on', 'off'); },
    'Vehicle.Cabin.HVAC.AmbientAirTemperature': (v) => { $('cabin').textContent = fmt(v, 1); },
    'Vehicle.Exterior.AirTemperature': (v) => { $('outside').textContent = fmt(v, 1); },
    'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature': (v) => { $('temp-driver-current').textContent = fmt(v, 1); },
    'Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature': (v) => { $('temp-passenger-current').textContent = fmt(v, 1); },
    'Vehicle.Cabin.Infotainment.Media.Volume': (v) => { $('media-volume').textContent = fmt(v, 0); },
    'Vehicle.Cabin.Infotainment.Media.Played.Source': (v) => { $('media-source').textContent = v; },
    'Vehicle.Cabin.Infotainment.Media.Played.Artist': (v) => { $('media-artist').textContent = v; },
    'Vehicle.Cabin.Infotainment.Media.Played.Track': (v) => { $('media-track').textContent = v; },
  };
  const zones = {
    driver: 'Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature',
    passenger: 'Vehicle.Cabin.HVAC.Station.Row1.Passenger.Temperature',
  };

  function onSignal(m) {
    currents[m.path] = m.value;
    const view = views[m.path];
    if (!view) return;
    view(m.value);
    stats.signals++;
    if (live && m.timestamp) {
      const stamped = Date.parse(m.timestamp);
      // Only live values measure latency (a replayed capture carries its own old timestamps).
      if (Math.abs(Date.now() - stamped) < 60000) {
        requestAnimationFrame(() => {
          stats.latenciesMs.push(Date.now() - stamped);
          if (stats.latenciesMs.length > MAX_LATENCIES) stats.latenciesMs.shift();
        });
      }
    }
  }

  function onTarget(m) {
    targets[m.path] = m.value;
    for (const [zone, path] of Object.entries(zones)) {
      if (path === m.path) $('temp-' + zone + '-target').textContent = fmt(m.value, 1);
    }
    if (m.path === 'Vehicle.Cabin.Infotainment.Media.Volume') $('media-volume').textContent = fmt(m.value, 0);
  }

  // Track: GCJ-02 points [lat, lon], drawn equirectangular (longitude scaled by cos(latitude)) to fit the box.
  let track = [];
  function drawTrack() {
    if (track.length === 0) return;
    let minLat = Infinity, maxLat = -Infinity, minLon = Infinity, maxLon = -Infinity;
    for (const [lat, lon] of track) {
      minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
    }
    const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
    const w = Math.max((maxLon - minLon) * k, 1e-4), h = Math.max(maxLat - minLat, 1e-4);
    const scale = Math.min(380 / w, 280 / h);
    const x = (lon) => 10 + (lon - minLon) * k * scale + (380 - w * scale) / 2;
    const y = (lat) => 290 - (lat - minLat) * scale - (280 - h * scale) / 2;
    $('track-line').setAttribute('points', track.map(([lat, lon]) => x(lon).toFixed(1) + ',' + y(lat).toFixed(1)).join(' '));
    const [lat, lon] = track[track.length - 1];
    $('track-head').setAttribute('cx', x(lon).toFixed(1));
    $('track-head').setAttribute('cy', y(lat).toFixed(1));
  }
  let drawPending = false;
  function scheduleDraw() {
    if (drawPending) return;
    drawPending = true;
    requestAnimationFrame(() => { drawPending = false; drawTrack(); });
  }

  function onFix(m) {
    $('quality').textContent = m.quality + ' · ' + m.mode + (m.hdop != null ? ' · HDOP ' + fmt(m.hdop, 1) : '');
    if (m.gcjLatitudeDegrees != null) {
      $('position').textContent = 'WGS-84 ' + fmt(m.latitudeDegrees, 6) + ', ' + fmt(m.longitudeDegrees, 6) +
        ' · GCJ-02 ' + fmt(m.gcjLatitudeDegrees, 6) + ', ' + fmt(m.gcjLongitudeDegrees, 6);
      track.push([m.gcjLatitudeDegrees, m.gcjLongitudeDegrees]);
      if (track.length > MAX_TRACK_POINTS) track.splice(0, track.length - MAX_TRACK_POINTS);
      scheduleDraw();
    } else {
      $('position').textContent = 'no fix';
    }
    const body = $('satellites').tBodies[0];
    body.replaceChildren(...m.constellations.map((c) => {
      const row = document.createElement('tr');
      row.dataset.system = c.system;
      row.innerHTML = '<td></td><td class="used"></td><td class="visible"></td><td><span class="bar"></span></td>';
      row.cells[0].textContent = c.system;
      row.cells[1].textContent = c.used;
      row.cells[2].textContent = c.visible;
      row.querySelector('.bar').style.width = (c.used * 6) + 'px';
      return row;
    }));
    $('sats-used').textContent = m.satellitesUsed + ' used';
  }

  function onTrack(m) { track = m.gcjPoints.slice(); scheduleDraw(); }

  function onAlerts(m) {
    const list = $('alerts');
    if (m.active.length === 0) {
      list.replaceChildren(Object.assign(document.createElement('li'), { id: 'no-alerts', className: 'muted', textContent: 'none' }));
      return;
    }
    list.replaceChildren(...m.active.map((a) => {
      const item = document.createElement('li');
      item.className = 'alert';
      item.dataset.rule = a.rule;
      item.textContent = a.message + ' (' + new Date(a.raisedUtc).toLocaleTimeString() + ')';
      return item;
    }));
  }

  const handlers = { live: () => { live = true; }, signal: onSignal, target: onTarget, fix: onFix, track: onTrack, alerts: onAlerts };

  function connect() {
    const events = new EventSource('/events');
    events.onopen = () => { $('connection').textContent = 'live'; $('connection').className = 'badge on'; };
    events.onerror = () => { live = false; $('connection').textContent = 'reconnecting…'; $('connection').className = 'badge off'; };
    events.onmessage = (e) => {
      stats.messages++;
      const m = JSON.parse(e.data);
      const handler = handlers[m.kind];
      if (handler) handler(m);
    };
  }

  async function post(url) {
    const response = await fetch(url, { method: 'POST' });
    if (response.ok) { $('message').textContent = ''; return; }
    const body = await response.json().catch(() => ({ error: response.statusText }));
    stats.errors++;
    stats.lastError = body.error;
    $('message').textContent = body.error;
  }

  for (const zone of Object.keys(zones)) {
    const step = (delta) => {
      const path = zones[zone];
      const base = typeof targets[path] === 'number' ? targets[path] : typeof currents[path] === 'number' ? currents[path] : 21;
      const celsius = Math.round((base + delta) * 2) / 2;
      post('/api/climate/temperature?zone=' + zone + '&celsius=' + celsius);
    };
    $('temp-' + zone + '-up').addEventListener('click', () => step(0.5));
    $('temp-' + zone + '-down').addEventListener('click', () => step(-0.5));
  }
  const volumeStep = (delta) => {
    const path = 'Vehicle.Cabin.Infotainment.Media.Volume';
    const base = typeof targets[path] === 'number' ? targets[path] : typeof currents[path] === 'number' ? currents[path] : 30;
    post('/api/media/volume?percent=' + Math.max(0, Math.min(100, base + delta)));
  };
  $('volume-up').addEventListener('click', () => volumeStep(5));
  $('volume-down').addEventListener('click', () => volumeStep(-5));

  // The latency badge: median of the last measurements.
  setInterval(() => {
    const l = stats.latenciesMs.slice().sort((a, b) => a - b);
    if (l.length) $('latency').textContent = 'latency p50 ' + l[Math.floor(l.length / 2)] + ' ms';
  }, 1000);

  connect();
})();
