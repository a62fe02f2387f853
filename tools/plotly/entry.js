// The plotly.js the tracker serves: the core (scatter included) plus the trace types its charts
// use. Add a trace type here (and to TRACES in build.mjs) before a chart uses it.
'use strict';
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/scatterpolar')
]);

module.exports = Plotly;
