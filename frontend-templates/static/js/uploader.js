// Seedcast's resumable uploader: a small tus 1.0 client (creation, HEAD for the offset, PATCH
// chunks, termination). Progress, speed and time left; resumes after a dropped connection, a 5xx
// (507: disk full) or a page reload (choose the same file again) at the server's offset, never from
// zero; cancel deletes the partial upload on the server.
(function () {
  'use strict';
  var form = document.getElementById('uploader');
  if (!form) { return; }
  var CHUNK = 8 * 1024 * 1024;
  var RETRY_DELAYS = [1000, 2000, 4000, 8000, 15000, 30000, 60000, 60000, 60000, 60000];
  var show = form.getAttribute('data-show');
  var maxSize = Number(form.getAttribute('data-max-size'));
  var csrfToken = meta('_csrf'), csrfHeader = meta('_csrf_header');
  var fileInput = document.getElementById('episode-file');
  var titleInput = document.getElementById('episode-title');
  var startButton = document.getElementById('upload-start');
  var cancelButton = document.getElementById('upload-cancel');
  var progressBox = document.getElementById('upload-progress');
  var bar = document.getElementById('upload-bar');
  var percentText = document.getElementById('upload-percent');
  var bytesText = document.getElementById('upload-bytes');
  var speedText = document.getElementById('upload-speed');
  var etaText = document.getElementById('upload-eta');
  var message = document.getElementById('upload-message');
  var current = null;

  function meta(name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.content : null; }
  function b64(text) { return btoa(unescape(encodeURIComponent(text))); }
  function keyFor(file) { return 'seedcast-upload:' + show + ':' + file.name + ':' + file.size + ':' + file.lastModified; }
  function human(bytes) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'], i = 0;
    while (bytes >= 1000 && i < units.length - 1) { bytes /= 1000; i++; }
    return (i === 0 ? bytes : bytes.toFixed(1)) + ' ' + units[i];
  }
  function duration(seconds) {
    if (!isFinite(seconds)) { return ''; }
    seconds = Math.round(seconds);
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return (h ? h + ' h ' : '') + (h || m ? m + ' min ' : '') + (h ? '' : s + ' s') + ' left';
  }
  function say(kind, text) {
    message.className = 'flash ' + kind;
    message.textContent = text;
  }
  function quiet() { message.className = 'flash hidden'; }

  function request(method, url, headers, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Tus-Resumable', '1.0.0');
      if (csrfToken && csrfHeader) { xhr.setRequestHeader(csrfHeader, csrfToken); }
      Object.keys(headers || {}).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
      if (onProgress) { xhr.upload.onprogress = function (e) { onProgress(e.loaded); }; }
      xhr.onload = function () { resolve(xhr); };
      xhr.onerror = function () { reject(new Error('network')); };
      xhr.onabort = function () { reject(new Error('aborted')); };
      if (current) { current.xhr = xhr; }
      xhr.send(body || null);
    });
  }

  function problemOf(xhr) {
    try { var p = JSON.parse(xhr.responseText); return p.detail || p.title || ('HTTP ' + xhr.status); }
    catch (e) { return 'The server answered ' + xhr.status + '.'; }
  }

  // The server's offset is the truth: after any trouble the upload resumes from it. HEAD also
  // asks the server to finish an upload whose bytes all arrived but whose episode is not there yet.
  function serverOffset(upload) {
    return request('HEAD', upload.url).then(function (xhr) {
      if (xhr.status === 200) {
        upload.episodeId = xhr.getResponseHeader('Seedcast-Episode-Id') || upload.episodeId;
        return Number(xhr.getResponseHeader('Upload-Offset'));
      }
      if (retryable(xhr.status)) { throw new Error('retry:' + trouble(xhr)); }
      throw new Error('gone');
    });
  }

  // 5xx (a proxy's 502 or 504, the database away, 507 disk full) and dropped connections are
  // transient: the bytes received are kept on the server, so wait and resume; never start over.
  function retryable(status) { return status === 0 || status >= 500; }
  function trouble(xhr) {
    if (xhr.status === 507) { return 'The server\'s disk is full; the part already sent is kept.'; }
    return 'The server had a problem (' + (xhr.status || 'no answer') + '); the part already sent is kept.';
  }

  function later(upload, text) {
    if (upload.retries >= RETRY_DELAYS.length) { return Promise.reject(new Error('stalled:' + text)); }
    var delay = RETRY_DELAYS[upload.retries++];
    say('info', text + ' Retrying in ' + Math.round(delay / 1000) + ' s…');
    return new Promise(function (r) { setTimeout(r, delay); })
      .then(function () { return serverOffset(upload); })
      .then(function (o) { quiet(); return sendFrom(upload, o); }, function (error) { return again(upload, error); });
  }

  function again(upload, error) {
    if (error.message === 'network') { return later(upload, 'Connection lost.'); }
    if (error.message.indexOf('retry:') === 0) { return later(upload, error.message.substring(6)); }
    throw error;
  }

  function create(upload) {
    var title = titleInput.value.trim() || upload.file.name.replace(/\.[^.]+$/, '');
    var metadata = 'filename ' + b64(upload.file.name) + ',show ' + b64(show) + ',title ' + b64(title);
    return request('POST', '/api/uploads', { 'Upload-Length': String(upload.file.size), 'Upload-Metadata': metadata })
      .then(function (xhr) {
        if (xhr.status !== 201) { throw new Error('refused:' + problemOf(xhr)); }
        upload.url = xhr.getResponseHeader('Location');
        localStorage.setItem(upload.key, upload.url);
        return 0;
      });
  }

  function sendFrom(upload, offset) {
    if (upload.cancelled) { return Promise.reject(new Error('aborted')); }
    if (offset >= upload.file.size) {
      if (upload.episodeId) { return Promise.resolve(upload.episodeId); }
      return serverOffset(upload).then(function () {
        return upload.episodeId || later(upload, 'The file is uploaded; waiting for the server to create the episode.');
      }, function (error) { return again(upload, error); });
    }
    var end = Math.min(offset + CHUNK, upload.file.size);
    return request('PATCH', upload.url,
      { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
      upload.file.slice(offset, end), function (loaded) { progress(upload, offset + loaded); })
      .then(function (xhr) {
        if (xhr.status !== 204) {
          if (xhr.status === 409 || xhr.status === 423) {
            return serverOffset(upload).then(function (o) { return sendFrom(upload, o); }, function (error) { return again(upload, error); });
          }
          if (retryable(xhr.status)) { return later(upload, trouble(xhr)); }
          throw new Error('refused:' + problemOf(xhr));
        }
        upload.retries = 0;
        upload.episodeId = xhr.getResponseHeader('Seedcast-Episode-Id') || upload.episodeId;
        var next = Number(xhr.getResponseHeader('Upload-Offset'));
        progress(upload, next);
        return sendFrom(upload, next);
      }, function (error) { return again(upload, error); });
  }

  function progress(upload, sent) {
    var now = Date.now();
    upload.samples.push([now, sent]);
    while (upload.samples.length > 2 && now - upload.samples[0][0] > 5000) { upload.samples.shift(); }
    var first = upload.samples[0];
    var speed = now > first[0] ? (sent - first[1]) / ((now - first[0]) / 1000) : 0;
    var pct = upload.file.size ? Math.floor(sent * 100 / upload.file.size) : 100;
    bar.value = pct;
    bar.textContent = pct + '%';
    percentText.textContent = pct + '%';
    bytesText.textContent = human(sent) + ' of ' + human(upload.file.size);
    speedText.textContent = speed > 0 ? human(speed) + '/s' : '';
    etaText.textContent = speed > 0 ? duration((upload.file.size - sent) / speed) : '';
  }

  function busy(on) {
    startButton.disabled = on;
    fileInput.disabled = on;
    cancelButton.classList.toggle('hidden', !on);
    progressBox.classList.toggle('hidden', false);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    quiet();
    var file = fileInput.files[0];
    if (!file) { say('error', 'Choose a file to upload.'); return; }
    if (maxSize && file.size > maxSize) { say('error', 'The file is larger than the limit of ' + human(maxSize) + '.'); return; }
    var upload = current = { file: file, key: keyFor(file), url: localStorage.getItem(keyFor(file)), retries: 0, samples: [], cancelled: false };
    busy(true);
    var fresh = function () { return create(upload).then(function (o) { return sendFrom(upload, o); }); };
    var sent = upload.url
      ? serverOffset(upload).then(function (o) { say('info', 'Resuming at ' + human(o) + '.'); return sendFrom(upload, o); },
          function (error) { return error.message === 'gone' ? fresh() : again(upload, error); })
      : fresh();
    sent
      .then(function (episodeId) {
        localStorage.removeItem(upload.key);
        say('success', 'Upload complete. Opening the draft episode…');
        window.location.href = episodeId ? '/studio/episodes/' + episodeId + '?uploaded' : window.location.pathname;
      })
      .catch(function (error) {
        busy(false);
        if (error.message === 'aborted') { return; }
        if (error.message.indexOf('refused:') === 0) {
          localStorage.removeItem(upload.key);
          say('error', error.message.substring(8));
        } else if (error.message.indexOf('stalled:') === 0) {
          say('error', error.message.substring(8) + ' Choose the same file and press Upload to resume where it stopped.');
        } else {
          say('error', 'The connection dropped. Choose the same file and press Upload to resume where it stopped.');
        }
      });
  });

  cancelButton.addEventListener('click', function () {
    var upload = current;
    if (!upload) { return; }
    upload.cancelled = true;
    if (upload.xhr) { upload.xhr.abort(); }
    localStorage.removeItem(upload.key);
    var done = function () { busy(false); progressBox.classList.add('hidden'); say('info', 'Upload cancelled; nothing was kept.'); };
    if (upload.url) { request('DELETE', upload.url).then(done, done); } else { done(); }
  });
})();
