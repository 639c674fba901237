/*
 * Village map: turns the server-rendered SVG into an interactive Leaflet map.
 *
 * Reads the boundary and points that the page embeds with Django's json_script, draws them
 * over OpenStreetMap tiles and fits the view. Without JavaScript (or if Leaflet failed to
 * load) nothing changes: the SVG, the figures and the list of places stay as they are.
 */
(function () {
  "use strict";

  // The only third-party address on the page: tiles are fetched once the map is drawn.
  var TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var COPYRIGHT_URL = "https://www.openstreetmap.org/copyright";

  function readJson(id) {
    var element = document.getElementById(id);
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  // Popups are built from DOM nodes, never from HTML strings: names come from editors.
  function popupContent(properties) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = (properties.number ? properties.number + ". " : "") + properties.name;
    box.appendChild(title);
    if (properties.category_label) {
      var category = document.createElement("div");
      category.textContent = properties.category_label;
      box.appendChild(category);
    }
    if (properties.description) {
      var description = document.createElement("p");
      description.textContent = properties.description;
      box.appendChild(description);
    }
    return box;
  }

  function attribution(text) {
    var link = document.createElement("a");
    link.href = COPYRIGHT_URL;
    link.textContent = text;
    return link.outerHTML;
  }

  function init() {
    var canvas = document.getElementById("village-map");
    if (!canvas || !window.L) {
      return;
    }
    var boundary = readJson("map-boundary");
    var points = readJson("map-points");
    var icon = L.icon({
      iconUrl: canvas.dataset.markerIcon,
      iconRetinaUrl: canvas.dataset.markerIcon2x,
      shadowUrl: canvas.dataset.markerShadow,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });

    canvas.hidden = false;
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", canvas.dataset.label || "");
    var map = L.map(canvas, { scrollWheelZoom: false });
    L.tileLayer(TILE_URL, {
      maxZoom: 19,
      attribution: attribution(canvas.dataset.attribution || "© OpenStreetMap"),
    }).addTo(map);

    var layers = L.featureGroup();
    if (boundary) {
      L.geoJSON(boundary, {
        style: { color: "#1f6f43", weight: 3, fillOpacity: 0.12 },
      }).addTo(layers);
    }
    if (points && points.features && points.features.length) {
      L.geoJSON(points, {
        pointToLayer: function (feature, latlng) {
          var name = feature.properties.name;
          return L.marker(latlng, { icon: icon, title: name, alt: name });
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(popupContent(feature.properties));
        },
      }).addTo(layers);
    }
    layers.addTo(map);
    var bounds = layers.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
    } else {
      map.setView([-2.5, 118], 5);
    }

    // The SVG said the same thing; with the live map shown it would only repeat it.
    var fallback = document.querySelector(".map-fallback");
    if (fallback) {
      fallback.hidden = true;
    }
  }

  init();
})();
