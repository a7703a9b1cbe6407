// The chapter list under the player: a chapter's button jumps the player to its start and plays.
(function () {
  'use strict';
  var player = document.getElementById('player');
  if (!player) {
    return;
  }
  document.querySelectorAll('button[data-seek]').forEach(function (button) {
    button.addEventListener('click', function () {
      player.currentTime = parseFloat(button.getAttribute('data-seek'));
      player.play();
    });
  });
})();
