// Maps: a search map (points and server-side clusters of the current search, read as the
// view moves from its `data-points` address — /api/v1/projects/map by default, the
// board's /courtage/carte/points — a marker opening the card at `data-preview`) and the
// small map of a project page.
(function () {
  var FRANCE = [[41.3, -5.2], [51.1, 9.6]];
  var lastView = null; // kept across htmx swaps of the search page

  function text(el, value) { el.textContent = value; }

  function popupCard(marker, id, preview) {
    marker.bindPopup('…');
    marker.on('click', function () {
      fetch(preview.replace('{id}', id), { headers: { 'Accept': 'text/html' } })
        .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
        .then(function (html) { marker.setPopupContent(html); })
        .catch(function () { marker.setPopupContent('—'); });
    });
  }

  function clusterIcon(count) {
    var size = count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 56;
    return L.divIcon({ html: '<span>' + count + '</span>', className: 'cluster-icon', iconSize: [size, size] });
  }

  function searchMap(el) {
    if (el.dataset.ready) return;
    el.dataset.ready = '1';
    // A zoom bound even without tiles: clustering walks every zoom level.
    var map = L.map(el, { maxZoom: 18 });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
    }
    var clusters = L.layerGroup().addTo(map);
    var points = L.markerClusterGroup({ showCoverageOnHover: false });
    map.addLayer(points);
    var status = document.getElementById('map-status');
    var params = el.dataset.params;
    var api = el.dataset.points || '/api/v1/projects/map';
    var preview = el.dataset.preview || '/projets/{id}/apercu';
    var requested = 0;

    function url(withView) {
      var query = params ? params + '&' : '';
      if (withView) {
        query += 'view=' + encodeURIComponent(map.getBounds().toBBoxString()) + '&zoom=' + map.getZoom();
      }
      return api + '?' + query;
    }

    function listLink(bounds) {
      var bbox = [bounds[1], bounds[0], bounds[3], bounds[2]].join(',');
      return el.dataset.listPath + '?' + (params ? params + '&' : '') + 'bbox=' + encodeURIComponent(bbox);
    }

    function draw(data) {
      clusters.clearLayers();
      points.clearLayers();
      data.clusters.forEach(function (c) {
        var marker = L.marker([c.lat, c.lon], { icon: clusterIcon(c.count), keyboard: true, title: String(c.count) });
        if (c.single) { popupCard(marker, c.single, preview); }
        else {
          marker.on('click', function () {
            var same = c.south === c.north && c.west === c.east;
            if (same || map.getZoom() >= map.getMaxZoom()) {
              var pad = 0.001;
              var link = listLink([c.south - pad, c.west - pad, c.north + pad, c.east + pad]);
              marker.bindPopup('<p>' + c.count + ' — <a href="' + link + '">' + el.dataset.labelProjects + '</a></p>').openPopup();
            } else {
              map.fitBounds([[c.south, c.west], [c.north, c.east]], { padding: [20, 20], maxZoom: map.getZoom() + 3 });
            }
          });
        }
        clusters.addLayer(marker);
      });
      var markers = data.points.map(function (p) {
        var marker = L.marker([p.lat, p.lon], { keyboard: true });
        popupCard(marker, p.id, preview);
        return marker;
      });
      points.addLayers(markers);
      text(status, data.message);
    }

    function load() {
      var ticket = ++requested;
      fetch(url(true), { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (ticket === requested) draw(data); })
        .catch(function () { text(status, '—'); });
      lastView = { center: map.getCenter(), zoom: map.getZoom(), params: params };
    }

    map.on('moveend', load);
    var Here = L.Control.extend({
      options: { position: 'topright' },
      onAdd: function () {
        var button = L.DomUtil.create('button', 'map-search-here');
        button.type = 'button';
        button.textContent = el.dataset.labelHere;
        L.DomEvent.disableClickPropagation(button);
        button.addEventListener('click', function () {
          var b = map.getBounds();
          window.location.href = listLink([b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]);
        });
        return button;
      }
    });
    map.addControl(new Here());
    if (lastView && lastView.params === params) {
      map.setView(lastView.center, lastView.zoom);
      return;
    }
    fetch(url(false), { headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var e = data.extent;
        // Results spread from mainland France to overseas: start on the mainland.
        var spread = e && (e[3] - e[1] > 30 || e[2] - e[0] > 30);
        if (spread) {
          map.fitBounds(FRANCE);
        } else if (e && (e[0] !== e[2] || e[1] !== e[3])) {
          map.fitBounds([[e[0], e[1]], [e[2], e[3]]], { padding: [20, 20] });
        } else if (e) {
          map.setView([e[0], e[1]], 12);
        } else {
          map.fitBounds(FRANCE);
        }
      })
      .catch(function () { map.fitBounds(FRANCE); });
  }

  function projectMap(el) {
    if (el.dataset.ready) return;
    el.dataset.ready = '1';
    var lat = parseFloat(el.dataset.lat), lon = parseFloat(el.dataset.lon);
    var map = L.map(el, { scrollWheelZoom: false, maxZoom: 18 }).setView([lat, lon], parseInt(el.dataset.zoom || '12', 10));
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
    }
    L.marker([lat, lon], { title: el.dataset.title }).addTo(map);
  }

  function init() {
    if (typeof L === 'undefined') return;
    document.querySelectorAll('#map[data-params]').forEach(searchMap);
    document.querySelectorAll('.project-map[data-lat]').forEach(projectMap);
  }
  document.addEventListener('DOMContentLoaded', init);
  document.addEventListener('htmx:afterSettle', init);
})();
