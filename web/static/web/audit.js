// The audit on a phone: every answer is kept on the phone first (localStorage) and sent at once; what could not
// be sent (no connection in a basement) is sent again when the connection is back or the page is reopened.
(function () {
  "use strict";
  var root = document.getElementById("audit");
  if (!root || !window.fetch || !window.FormData) return;
  document.documentElement.classList.add("js");
  var key = "sqcheck-audit-" + root.dataset.audit;
  var csrf = (document.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  var sync = document.getElementById("sync");
  var sending = false;
  var stored = {};  // per item, the answer as the server has it (a change back to it sends nothing)
  var photos = [];  // photos waiting to be sent: {id, audit, fact, name, blob, link}
  var photosOffline = false;  // the last try to send one found no connection

  function queue() { try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; } }
  function keep(q) { try { localStorage.setItem(key, JSON.stringify(q)); } catch (e) { /* private mode: sent at once only */ } }
  function item(fact) { return document.getElementById("i-" + fact); }
  // the sync bar: the answers' state, then the photos waiting (if any)
  function say(text) {
    if (!sync) return;
    sync.dataset.answers = text;
    var refused = document.querySelectorAll("form.audit-item.refused").length;
    if (refused && text === root.dataset.allSaved) text = count(root, "refused", refused);  // not all: some refused
    var line = photoLine();
    sync.textContent = line ? (text ? text + root.dataset.sep : "") + line : text;
  }
  // a sentence with a number: the element's data-NAME, or data-NAME-one when the number is 1 (English plurals)
  function count(el, name, n) {
    var one = el.dataset[name + "One"];
    return (n === 1 && one ? one : el.dataset[name]).replace("{count}", n);
  }

  function pairs(form) {
    var found = [];
    new FormData(form).forEach(function (value, name) { if (name !== "csrfmiddlewaretoken") found.push([name, value]); });
    return found;
  }

  // an answer kept on the phone, shown again after a reload
  function show(form, given) {
    var values = {};
    given.forEach(function (p) { (values[p[0]] = values[p[0]] || []).push(String(p[1])); });
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (box) {
      box.checked = (values[box.name] || []).indexOf(box.value) >= 0;
    });
    ["verified", "comment", "revision"].forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field && values[name]) field.value = values[name][0];
    });
    mark(form);
  }

  function mark(form) {
    var finding = form.querySelector("input[name=finding]:checked");
    form.classList.remove("answered", "confirmed", "not_confirmed", "unverifiable");
    if (finding) form.classList.add("answered", finding.value);
    var answered = document.querySelectorAll("form.audit-item.answered:not(.refused)").length;
    var counter = document.getElementById("answered");
    if (counter) counter.textContent = answered;
    unanswered(form.dataset.fact, !!finding && !form.classList.contains("refused"));
  }

  // the finish card's list of items without a finding, kept as the answers come
  function unanswered(fact, done) {
    var box = document.getElementById("unanswered");
    if (!box) return;
    var line = box.querySelector("li[data-fact='" + fact + "']");
    if (line) line.hidden = done;
    var left = box.querySelectorAll("li[data-fact]:not([hidden])").length;
    box.querySelector("summary").textContent = count(box, "template", left);
    box.hidden = !left;
  }

  // the library's words at the field they are about (finding, verified value, comment); none clears them
  function place(form, fields) {
    form.querySelectorAll(".field-msg").forEach(function (box) {
      box.textContent = "";
      ((fields || {})[box.dataset.field] || []).forEach(function (p) {
        var line = document.createElement("p"); line.className = "error"; line.textContent = p; box.appendChild(line);
      });
    });
  }

  function note(form, text, problems) {
    var status = form.querySelector(".item-status");
    if (status) status.textContent = text;
    var box = form.querySelector(".item-msg");
    if (!box || problems === undefined) return;
    box.textContent = "";
    problems.forEach(function (p) { var line = document.createElement("p"); line.className = "error"; line.textContent = p; box.appendChild(line); });
  }

  function fromServer(form, answer) {
    show(form, [["finding", answer.finding], ["comment", answer.comment], ["revision", answer.revision]]
      .concat(typeof answer.verified === "string" ? [["verified", answer.verified]] : [])
      .concat(answer.verified && answer.verified.handled ? answer.verified.handled.map(function (e) { return ["handled", e]; }) : [])
      .concat(answer.verified && answer.verified.online ? answer.verified.online.map(function (e) { return ["online", e]; }) : []));
  }

  function send(fact, given) {
    var body = new FormData();
    given.forEach(function (p) { body.append(p[0], p[1]); });
    return fetch(root.dataset.answer, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) throw new Error("not saved");  // a login page or a proxy's error: keep it and try again later
      return response.json().then(function (data) { return { status: response.status, data: data }; });
    }).then(function (reply) {
      var form = item(fact), q = queue();
      var same = JSON.stringify(q[fact]) === JSON.stringify(given);
      if (reply.status === 200) {
        if (same) delete q[fact];
        else if (q[fact]) q[fact] = q[fact].map(function (p) { return p[0] === "revision" ? ["revision", String(reply.data.revision)] : p; });
        // what the form shows now was built on what was just stored: its next change starts from this revision
        if (form) form.querySelector("[name=revision]").value = reply.data.revision;
        if (form && same) stored[fact] = JSON.stringify(pairs(form));
        if (form) { note(form, reply.data.message, reply.data.problems || []); place(form, {}); form.classList.remove("refused"); mark(form); }
      } else if (reply.status === 400 && reply.data.fields) {
        if (!same) { keep(q); return; }  // changed since it was sent: the newer answer is sent next
        delete q[fact];  // not kept: the form keeps what was typed, the words go where it needs changing
        if (form) { note(form, reply.data.message, []); place(form, reply.data.fields); form.classList.add("refused"); mark(form); }
        refresh();
      } else {
        delete q[fact];  // refused (someone else changed it, or the audit is finished): the server's words
        if (form && reply.data.revision !== undefined) fromServer(form, reply.data);
        if (form) note(form, "", [reply.data.message]);
      }
      keep(q);
    });
  }

  function flush() {
    if (sending) return;
    var q = queue(), facts = Object.keys(q);
    if (!facts.length) { say(root.dataset.allSaved); return; }
    sending = true;
    say(root.dataset.saving);
    var chain = Promise.resolve();
    facts.forEach(function (fact) { chain = chain.then(function () { return send(fact, q[fact]); }); });
    chain.then(function () {
      sending = false;
      var left = Object.keys(queue()).length;
      if (left) { flush(); } else { say(root.dataset.allSaved); }
    }, function () {
      sending = false;
      say(count(root, "offline", Object.keys(queue()).length));
    });
  }

  function remember(form, now) {
    var q = queue(), given = pairs(form);
    if (JSON.stringify(given) === stored[form.dataset.fact]) delete q[form.dataset.fact];
    else q[form.dataset.fact] = given;
    keep(q);
    mark(form);
    var waiting = Object.keys(q).length;
    say(waiting ? count(root, "pending", waiting) : root.dataset.allSaved);
    if (now) flush();
  }

  root.querySelectorAll("form.audit-item").forEach(function (form) {
    stored[form.dataset.fact] = JSON.stringify(pairs(form));
    function mine(event) { return !event.target.classList.contains("photo-input"); }  // a photo is sent on its own
    form.addEventListener("input", function (event) { if (mine(event)) remember(form, false); });
    form.addEventListener("change", function (event) { if (mine(event)) remember(form, true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); remember(form, true); });
  });

  // Photos taken without a connection are kept on the phone too (IndexedDB holds the image itself) and sent when
  // the connection is back, the page is opened again, or every 20 s; until then each shows as waiting.
  var photoDb = null;

  function photoStore(mode, work) {
    if (!window.indexedDB) return Promise.reject(new Error("no IndexedDB"));
    if (!photoDb) photoDb = new Promise(function (resolve, reject) {
      var open = indexedDB.open("sqcheck-audit-photos", 1);
      open.onupgradeneeded = function () { open.result.createObjectStore("photos", { keyPath: "id", autoIncrement: true }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
    return photoDb.then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction("photos", mode), request = work(t.objectStore("photos"));
        t.oncomplete = function () { resolve(request ? request.result : undefined); };
        t.onerror = t.onabort = function () { reject(t.error); };
      });
    });
  }

  function refresh() { if (sync) say(sync.dataset.answers || ""); }

  function photoLine() {
    if (!photos.length) return "";
    return count(root, photosOffline ? "photosOffline" : "photosPending", photos.length);
  }

  function thumb(form, rec) {  // a waiting photo, shown from the phone's own copy
    var link = document.createElement("a"), label = document.createElement("span"), img = document.createElement("img");
    link.className = "thumb waiting"; link.title = rec.name;
    img.src = URL.createObjectURL(rec.blob); img.alt = rec.name;
    label.textContent = rec.name + " · " + root.dataset.photoWaiting;
    link.appendChild(img); link.appendChild(label);
    form.querySelector(".thumbs").appendChild(link);
    rec.link = link;
  }

  function sent(rec, data) {  // stored on the server: the thumbnail is the server's now
    var link = rec.link;
    if (!link) return;
    link.className = "thumb"; link.href = data.url; link.title = data.name;
    link.querySelector("span").textContent = data.name;
    if (data.thumb) link.querySelector("img").src = data.thumb;
  }

  function sendPhoto(rec) {
    var body = new FormData(), form = item(rec.fact);
    body.append("fact", rec.fact);
    body.append("file", rec.blob, rec.name);
    return fetch(root.dataset.photo, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!json) throw new Error("not saved");  // a login page or a proxy's error: keep it and try again later
      return response.json();
    }).then(function (data) {
      photos.splice(photos.indexOf(rec), 1);  // stored, or refused in words (not a photo): not sent again
      if (rec.id !== undefined) photoStore("readwrite", function (store) { return store.delete(rec.id); }).catch(function () {});
      photosOffline = false;
      if (data.url) sent(rec, data); else if (rec.link) rec.link.remove();
      if (form) note(form, data.message);
    });
  }

  var sendingPhotos = false;
  function flushPhotos() {
    if (sendingPhotos || !photos.length) { refresh(); return Promise.resolve(); }
    sendingPhotos = true;
    var chain = Promise.resolve();
    photos.slice().forEach(function (rec) { chain = chain.then(function () { return sendPhoto(rec); }); });
    refresh();
    return chain.then(function () { sendingPhotos = false; refresh(); }, function () {
      sendingPhotos = false; photosOffline = true; refresh();
    });
  }

  function takePhoto(fact, file) {
    var rec = { audit: root.dataset.audit, fact: fact, name: file.name || "photo.jpg", blob: file, at: Date.now() };
    var form = item(fact);
    photos.push(rec);
    if (form) thumb(form, rec);
    var kept = { audit: rec.audit, fact: rec.fact, name: rec.name, blob: rec.blob, at: rec.at };
    return photoStore("readwrite", function (store) { return store.add(kept); })
      .then(function (id) { rec.id = id; }, function () { /* no IndexedDB (private mode): sent at once only */ })
      .then(function () { return flushPhotos(); })
      .then(function () { if (photos.indexOf(rec) >= 0 && form) note(form, count(root, "photosOffline", 1)); });
  }

  root.querySelectorAll("input.photo-input").forEach(function (input) {
    input.addEventListener("change", function () {
      if (!input.files.length) return;
      var file = input.files[0];
      input.value = "";
      takePhoto(input.dataset.fact, file);
    });
  });

  function waitingPhotos() {  // kept on this phone from before (a reload, a closed browser): shown and sent
    return photoStore("readonly", function (store) { return store.getAll(); }).then(function (all) {
      (all || []).forEach(function (kept) {
        if (String(kept.audit) !== String(root.dataset.audit)) return;
        var rec = { id: kept.id, audit: kept.audit, fact: kept.fact, name: kept.name, blob: kept.blob, at: kept.at };
        var form = item(rec.fact);
        photos.push(rec);
        if (form) thumb(form, rec);
      });
    }).catch(function () {});
  }

  var finish = document.getElementById("finish");
  if (finish) finish.addEventListener("submit", function (event) {
    if (Object.keys(queue()).length || photos.length) { event.preventDefault(); flush(); flushPhotos(); }
  });

  var q = queue();
  Object.keys(q).forEach(function (fact) { var form = item(fact); if (form) show(form, q[fact]); });
  function both() { flush(); flushPhotos(); }
  window.addEventListener("online", both);
  setInterval(both, 20000);
  flush();
  waitingPhotos().then(flushPhotos);
})();
