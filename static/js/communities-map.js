// The map of a list of places — the communities of a search (/communautes), the projects
// of a collection: one marker per placed item, read from the JSON the page embeds; its
// name links to its page.
(function () {
  var FRANCE = [[41.3, -5.2], [51.1, 9.6]];
  function start() {
    var el = document.getElementById('community-map');
    var data = document.getElementById('community-points');
    if (!el || !data || typeof L === 'undefined') return;
    var points = JSON.parse(data.textContent);
    var map = L.map(el, { maxZoom: 18 });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution, maxZoom: 18 }).addTo(map);
    }
    var bounds = [];
    points.forEach(function (p) {
      var marker = L.marker([p.lat, p.lon], { title: p.name }).addTo(map);
      var link = document.createElement('a');
      link.href = p.url;
      link.textContent = p.name;
      marker.bindPopup(link);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length > 1) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
    else if (bounds.length === 1) map.setView(bounds[0], 10);
    else map.fitBounds(FRANCE);
    el.dataset.markers = String(points.length);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
