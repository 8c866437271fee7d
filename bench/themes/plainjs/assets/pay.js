// The benchmark's plain-JS floor: info, then qrcode, then the server's picture of the code.
(function () {
  var id = document.getElementById('pay').getAttribute('data-order-id');
  function post(name) {
    return fetch('/api/order/' + name + '?_time=' + Date.now(), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ order_id: id })
    }).then(function (r) { return r.json(); });
  }
  post('info').then(function (info) {
    if (!info || info.code !== 200 || Number(info.data.status) !== 1) return;
    return post('qrcode').then(function (qr) {
      var src = qr && qr.data && (qr.data.qrcode_data || '');
      if (src.indexOf('data:image/') !== 0) return;
      var img = document.createElement('img');
      img.src = src; img.width = 200; img.height = 200; img.alt = 'QR';
      document.getElementById('qr').appendChild(img);
    });
  });
})();
