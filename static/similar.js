// Similar projects while a project's title is typed (issue 15): the form works without this
// script; with it, the projects most like the title near the plan's area are listed under it.
(function () {
  var form = document.getElementById('project-form');
  if (!form) return;
  var title = form.querySelector('input[name="title"]');
  var box = document.getElementById('similar-projects');
  if (!title || !box) return;
  var plan = form.getAttribute('data-plan');
  var except = form.getAttribute('data-project') || '';
  var timer = null, asked = '';
  function show(list) {
    box.textContent = '';
    if (!list.length) { box.hidden = true; return; }
    var h = document.createElement('p');
    h.className = 'similar-head';
    h.textContent = box.getAttribute('data-head');
    box.appendChild(h);
    var ul = document.createElement('ul');
    list.forEach(function (s) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/projects/' + s.project_id;
      a.textContent = s.title;
      li.appendChild(a);
      var note = ' (' + box.getAttribute('data-years') + ' ' + s.years.join(', ') +
        ' · ' + Math.round(s.score * 100) + '%)';
      li.appendChild(document.createTextNode(note));
      if (s.same_work) {
        var b = document.createElement('strong');
        b.className = 'same-work';
        b.textContent = ' ' + box.getAttribute('data-same');
        li.appendChild(b);
      } else if (s.apart) {
        var m = document.createElement('span');
        m.className = 'muted';
        m.textContent = ' — ' + s.apart;
        li.appendChild(m);
      }
      ul.appendChild(li);
    });
    box.appendChild(ul);
    box.hidden = false;
  }
  function ask() {
    var typed = title.value.trim();
    if (typed === asked) return;
    asked = typed;
    if (typed.length < 4) { show([]); return; }
    var url = '/api/plans/' + plan + '/similar?title=' + encodeURIComponent(typed) +
      (except ? '&except=' + except : '');
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) { if (title.value.trim() === typed) show(list); })
      .catch(function () {});
  }
  title.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
})();
