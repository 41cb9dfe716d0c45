// unionxl web desk: small improvements on pages that work without JavaScript.
(function () {
  "use strict";
  // Copy buttons for the officers' links.
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var done = function () { button.classList.add("done"); button.textContent = "✓"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {
        var input = button.parentNode.querySelector("input");
        input.select(); document.execCommand("copy"); done();
      }
    });
  });
  document.querySelectorAll("input.link-input").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
  // Drag and drop onto the upload area: the dropped file goes into the form's own file input.
  var drop = document.getElementById("drop");
  var form = document.getElementById("upload-form");
  if (drop && form) {
    var input = form.querySelector("input[type=file]");
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (event) { event.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function () { drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        form.submit();
      }
    });
  }
  // Merge progress without reloading the page.
  var card = document.getElementById("progress-card");
  if (card) {
    var bar = document.getElementById("progress");
    var text = document.getElementById("progress-text");
    var poll = function () {
      fetch(card.getAttribute("data-status"), { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          if (s.state !== "queued" && s.state !== "running") { window.location.reload(); return; }
          bar.max = s.total || 1; bar.value = s.done;
          text.textContent = s.done + " / " + s.total;
          setTimeout(poll, 700);
        })
        .catch(function () { setTimeout(poll, 2000); });
    };
    setTimeout(poll, 500);
  }
})();
