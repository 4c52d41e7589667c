// The cockpit page: one server-sent event stream (/events) of JSON messages, each with a "kind":
// live (the initial state is done), signal (a VSS value with its databroker timestamp), climate / media / alerts
// (the cockpit services' state, in protobuf's JSON mapping),
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
  let climate = null;     // the newest ClimateState (protobuf JSON mapping)
  let media = null;       // the newest MediaState

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
  };
  function onSignal(m) {
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

  // Climate: one row per zone of the climate service; current = what the vehicle reports, target = last request.
  function onClimate(m) {
    climate = m.state;
    const container = $('zones');
    for (const zone of climate.zones) {
      let row = container.querySelector('[data-zone="' + zone.zone + '"]');
      if (!row) {
        row = document.createElement('div');
        row.className = 'zone';
        row.dataset.zone = zone.zone;
        row.innerHTML = '<span class="label"></span><button class="down">−</button>' +
          '<span class="temps"><b class="current">–</b> °C <small>target <span class="target">–</span></small></span><button class="up">+</button>';
        row.querySelector('.label').textContent = zone.zone.replace('Row', 'Row ').replace('.', ' ').toLowerCase();
        row.querySelector('.down').setAttribute('aria-label', zone.zone + ' temperature −');
        row.querySelector('.up').setAttribute('aria-label', zone.zone + ' temperature +');
        row.querySelector('.down').addEventListener('click', () => stepTemperature(zone.zone, -0.5));
        row.querySelector('.up').addEventListener('click', () => stepTemperature(zone.zone, 0.5));
        container.appendChild(row);
      }
      row.querySelector('.current').textContent = fmt(zone.temperatureCelsius, 1);
      row.querySelector('.target').textContent = fmt(zone.requestedTemperatureCelsius, 1);
    }
    $('cabin').textContent = fmt(climate.cabinTemperatureCelsius, 1);
    $('outside').textContent = fmt(climate.outsideTemperatureCelsius, 1);
  }

  function stepTemperature(name, delta) {
    const zone = climate && climate.zones.find((z) => z.zone === name);
    const base = zone && typeof zone.requestedTemperatureCelsius === 'number' ? zone.requestedTemperatureCelsius
      : zone && typeof zone.temperatureCelsius === 'number' ? zone.temperatureCelsius : 21;
    const celsius = Math.round((base + delta) * 2) / 2;
    post('/api/climate/temperature?zone=' + encodeURIComponent(name) + '&celsius=' + celsius);
  }

  function onMedia(m) {
    media = m.state;
    const playing = media.nowPlaying || {};
    $('media-track').textContent = playing.track || '–';
    $('media-artist').textContent = playing.artist || '';
    $('media-source').textContent = media.source || '–';
    $('media-volume').textContent = fmt(media.volumePercent, 0);
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
    const active = m.state.alerts || [];
    if (active.length === 0) {
      list.replaceChildren(Object.assign(document.createElement('li'), { id: 'no-alerts', className: 'muted', textContent: 'none' }));
      return;
    }
    list.replaceChildren(...active.map((a) => {
      const item = document.createElement('li');
      item.className = 'alert';
      item.dataset.rule = a.ruleId;
      item.dataset.severity = a.severity;
      item.textContent = a.message + ' (since ' + new Date(a.raisedAt).toLocaleTimeString() + ')';
      return item;
    }));
  }

  const handlers = { live: () => { live = true; }, signal: onSignal, climate: onClimate, media: onMedia, fix: onFix, track: onTrack, alerts: onAlerts };

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

  const volumeStep = (delta) => {
    const base = media && typeof media.volumePercent === 'number' ? media.volumePercent : 30;
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
