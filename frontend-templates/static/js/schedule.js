// Tells the server the browser's time zone, so a scheduled time means the producer's wall clock,
// not the server's.
(function () {
  'use strict';
  var zone = document.getElementById('publishZone');
  if (!zone || !window.Intl) { return; }
  zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
})();
