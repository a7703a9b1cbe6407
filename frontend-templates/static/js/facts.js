// While an episode's media facts are being read, asks the studio for them, waiting longer each time, and
// shows them (with any browser warning) once read: no reload, so nothing typed into the form is lost.
(function () {
  'use strict';
  var facts = document.getElementById('facts');
  var url = facts && facts.getAttribute('data-poll');
  if (!url || !window.fetch || !window.DOMParser) { return; }
  var wait = 2000;
  var giveUpAt = Date.now() + 30 * 60 * 1000;

  function again() {
    if (Date.now() + wait > giveUpAt) { return; }
    setTimeout(ask, wait);
    wait = Math.min(wait * 2, 60000);
  }

  function ask() {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected || response.status === 403 || response.status === 404) { return null; }
        return response.ok ? response.text() : '';
      })
      .then(function (html) {
        if (html === null) { return; } // signed out, or the episode is gone: stop asking
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('facts');
        if (!fresh || fresh.getAttribute('data-poll')) { again(); return; }
        facts.replaceWith(document.importNode(fresh, true));
        var slot = document.getElementById('warning-slot');
        var warning = page.getElementById('warning-slot');
        if (slot && warning) { slot.replaceWith(document.importNode(warning, true)); }
      })
      .catch(again);
  }

  again();
})();
