#!/usr/bin/env bash
# Backup of the docker compose setup: the database (pg_dump in PostgreSQL's custom format, run
# inside the postgres container, so client and server versions match) and the media volume
# (uploaded documents) as a tar.gz. Run from the folder with docker-compose.yml.
#
#   scripts/backup.sh [target folder]          (default: ./backups)
#
# Writes leerwerk-<stamp>.dump and media-<stamp>.tar.gz, readable by the owner only; a file
# appears only when complete. ./backups is kept out of git and out of the image
# (.gitignore, .dockerignore); copy it off the machine, encrypted.
# Restore with scripts/herstel.sh. PG_DUMP and MEDIA_TAR replace the docker commands (the
# test tests/test_backup.py runs this script against the embedded PostgreSQL).
set -euo pipefail
umask 077  # the dumps hold every candidate's personal data: readable by the owner only

doel="${1:-backups}"
stempel="$(date +%Y%m%d-%H%M%S)"
PG_DUMP="${PG_DUMP:-docker compose exec -T postgres pg_dump --username=leerwerk --dbname=leerwerk}"
MEDIA_TAR="${MEDIA_TAR:-docker compose exec -T web tar -C /srv/media -czf - .}"

mkdir -p "$doel"
dump="$doel/leerwerk-$stempel.dump"
media="$doel/media-$stempel.tar.gz"

$PG_DUMP --format=custom --no-owner --no-privileges > "$dump.deel"
mv "$dump.deel" "$dump"
$MEDIA_TAR > "$media.deel"
mv "$media.deel" "$media"

echo "Backup gemaakt:"
echo "  database: $dump"
echo "  bestanden: $media"
