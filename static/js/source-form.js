// Source form, progressive enhancement: show only the fieldset of the chosen kind, the
// options of the chosen pagination, and hide the structured fields when the JSON box is
// the configuration. Without this script every part is shown and the server reads only
// the chosen ones.
(function () {
  "use strict";
  var form = document.querySelector("[data-source-form]");
  if (!form) return;
  var kind = form.querySelector("#field-kind");
  var structured = form.querySelector("[data-structured]");

  function showKind() {
    if (!kind) return;
    form.querySelectorAll(".kind-fieldset").forEach(function (fieldset) {
      fieldset.hidden = fieldset.getAttribute("data-kind") !== kind.value;
    });
  }

  function showMode() {
    var json = form.querySelector('input[name="mode"][value="json"]');
    if (structured && json) structured.hidden = json.checked;
  }

  function showNext(group) {
    var select = group.querySelector("select");
    if (!select) return;
    group.querySelectorAll(".next-options").forEach(function (options) {
      var wanted = options.getAttribute("data-show-for").split(" ");
      options.hidden = wanted.indexOf(select.value) === -1;
    });
  }

  if (kind) kind.addEventListener("change", showKind);
  form.querySelectorAll('input[name="mode"]').forEach(function (radio) {
    radio.addEventListener("change", showMode);
  });
  form.querySelectorAll("[data-next-by]").forEach(function (group) {
    var select = group.querySelector("select");
    if (select) select.addEventListener("change", function () { showNext(group); });
    showNext(group);
  });
  showKind();
  showMode();
})();
