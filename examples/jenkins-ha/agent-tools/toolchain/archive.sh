# archive DIR OUT.tar.gz — packs build outputs the way a pipeline's archiveArtifacts step would
set -eu
tar -C "$1" -czf "$2" .
echo "archived $1 -> $2"
