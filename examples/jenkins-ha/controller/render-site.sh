#!/bin/sh
# usage: render-site.sh LOCKFILE TAG WWW_DIR — writes the static pages the runtime serves.
set -eu
lock="$1"; tag="$2"; www="$3"
mkdir -p "$www/api"
cat > "$www/index.html" <<HTML
<!doctype html>
<html><head><title>Dashboard [Jenkins]</title></head>
<body><h1>Jenkins (jenkins-ha example, ${tag})</h1><p><a href="/login">Sign in</a></p></body></html>
HTML
# /login is a file, not login/index.html: busybox httpd answers a directory URL without a trailing
# slash with 302, while Jenkins (and the health check) expect GET /login to answer 200 directly.
# Extension-less files get no Content-Type from busybox httpd; browsers sniff the doctype.
cat > "$www/login" <<HTML
<!doctype html>
<html><head><title>Sign in [Jenkins]</title></head>
<body><h1>Sign in to Jenkins</h1>
<form method="post" action="/j_spring_security_check">
<input name="j_username" placeholder="Username"><input name="j_password" type="password">
<button type="submit">Sign in</button></form></body></html>
HTML
{
  printf '{"version":"%s","plugins":[' "$tag"
  awk -F: 'NR > 1 { printf "," } { printf "{\"name\":\"%s\",\"version\":\"%s\"}", $1, $2 }' "$lock"
  printf ']}\n'
} > "$www/api/json"
echo "rendered site for $(wc -l < "$lock") plugins"
