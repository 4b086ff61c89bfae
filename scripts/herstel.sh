#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the docker compose setup: stops web, worker
# and beat, replaces the database's contents with the dump (pg_restore --clean, one
# transaction: an error leaves the database as it was) and the media volume's files with the
# archive, then starts them again. Run from the folder with docker-compose.yml.
#
#   scripts/herstel.sh backups/leerwerk-<stamp>.dump backups/media-<stamp>.tar.gz
#
# PG_RESTORE, MEDIA_UNTAR, APP_STOP and APP_START replace the docker commands (the test
# tests/test_backup.py runs this script against the embedded PostgreSQL).
set -euo pipefail

if [ $# -ne 2 ] || [ ! -f "$1" ] || [ ! -f "$2" ]; then
  echo "Gebruik: scripts/herstel.sh <leerwerk-....dump> <media-....tar.gz> (beide bestanden moeten bestaan)" >&2
  exit 2
fi
dump="$1"
media="$2"
PG_RESTORE="${PG_RESTORE:-docker compose exec -T postgres pg_restore --username=leerwerk --dbname=leerwerk}"
MEDIA_UNTAR="${MEDIA_UNTAR:-docker compose run --rm -T --no-deps web sh -c 'find /srv/media -mindepth 1 -delete && tar -C /srv/media -xzf -'}"
APP_STOP="${APP_STOP:-docker compose stop web worker beat}"
APP_START="${APP_START:-docker compose up -d web worker beat}"

# Both files readable before anything stops: a damaged archive must not empty the media volume.
gzip -t "$media" || { echo "Het archief $media is beschadigd; er is niets hersteld." >&2; exit 1; }
$PG_RESTORE --list < "$dump" > /dev/null || { echo "De dump $dump is onleesbaar; er is niets hersteld." >&2; exit 1; }

$APP_STOP
trap '$APP_START' EXIT  # the application comes back up, also when a step below fails
$PG_RESTORE --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error < "$dump"
eval "$MEDIA_UNTAR" < "$media"
echo "Hersteld uit $dump en $media."
