// Redline console keyboard shortcuts. A form that declares data-key="x" is submitted when x is
// pressed outside text fields; the server does the rest (every action is a plain form post, so
// the console works without this script too).
document.addEventListener('keydown', function (e) {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
  var t = e.target;
  if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  var key = (e.key || '').toLowerCase();
  if (!/^[a-z]$/.test(key)) return;
  var form = document.querySelector('form[data-key="' + key + '"]');
  if (!form) return;
  e.preventDefault();
  if (form.dataset.sent) return; // one submission per page, even if the key is pressed twice
  form.dataset.sent = '1';
  if (form.requestSubmit) form.requestSubmit(); else form.submit();
});
// Tells browser tests (and anyone curious) that the shortcuts are live on this page.
document.documentElement.setAttribute('data-keys', 'ready');
