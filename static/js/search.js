// Search page: criteria apply as soon as they change (the form's button does it without
// JavaScript), long facet lists fold, and suggestions close on Escape.
(function () {
  function enhance(root) {
    var form = root.querySelector('#search-form');
    if (!form || form.dataset.enhanced) return;
    form.dataset.enhanced = '1';
    form.addEventListener('change', function (event) {
      var target = event.target;
      if (target.matches('input[type=checkbox], select')) {
        form.requestSubmit();
      }
    });
    form.querySelectorAll('.apply-filters').forEach(function (button) {
      button.classList.add('visually-hidden');
    });
    form.querySelectorAll('.facet').forEach(function (facet) {
      var more = facet.querySelector('.show-more');
      if (!more) return;
      facet.classList.add('folded');
      more.hidden = false;
      more.addEventListener('click', function (event) {
        event.preventDefault();
        facet.classList.remove('folded');
        more.hidden = true;
      });
    });
    var q = form.querySelector('#search-q');
    var suggestions = form.querySelector('#suggestions');
    if (q && suggestions) {
      q.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') suggestions.innerHTML = '';
      });
    }
  }
  document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  document.addEventListener('htmx:afterSettle', function () { enhance(document); });
})();
