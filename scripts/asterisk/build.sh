#!/usr/bin/env bash
# Builds a real Asterisk 20 (PJSIP with its bundled pjproject) from source into AST_HOME and lays out a run
# directory with this project's configs, for the real-PBX test suite (docs/telephony.md "Real-PBX suite").
#
#   AST_HOME=/work/pbx scripts/asterisk/build.sh ASTERISK_SRC PJPROJECT_TARBALL
#   AST_HOME=/work/pbx scripts/asterisk/build.sh --rundir-only      # configs changed: refresh $AST_HOME/run only
#
# ASTERISK_SRC is an unpacked Asterisk 20 tree (release tarball, or `git archive <tag>` of asterisk/asterisk);
# PJPROJECT_TARBALL is the pjproject release named in the tree's third-party/versions.mak, i.e.
# pjproject-<ver>.tar.bz2 unpacking to pjproject-<ver>/ (`git archive --prefix=pjproject-<ver>/ <ver> | bzip2`
# of pjsip/pjproject is byte-identical). There is no internet here: the tarball is put into the externals cache
# the build looks in, and nothing else is downloaded (no sound packages: the dialplan uses tones, not prompts).
# Needs build-essential libedit-dev libjansson-dev libxml2-dev uuid-dev libsqlite3-dev libssl-dev
# libcurl4-openssl-dev pkg-config bzip2 libpq-dev (apt-get install -y ...), and sip-tester for the suite.
# Takes 5-20 min on two busy cores; run it under `nice -n 19`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${AST_HOME:?set AST_HOME to the directory Asterisk is built into}"
JOBS=${JOBS:-2}
die() { echo "build.sh: $*" >&2; exit 1; }
say() { echo "build.sh [$(date +%H:%M:%S)] $*"; }
mkdir -p "$AST_HOME"; AST_HOME=$(cd "$AST_HOME" && pwd)

rundir() {
  # The run dir: every path of asterisk.conf inside $AST_HOME/run, the project's configs, plus test/ (a local
  # sipp trunk and phones) so that the suite can place calls. Core XML docs must be reachable from astdatadir or
  # Asterisk exits at start-up ("... because it has no existing documentation!").
  local run=$AST_HOME/run
  rm -rf "$run/etc"; mkdir -p "$run"/{etc,lib/agi-bin,spool/monitor/hotline,run,log}
  cp -f "$HERE"/*.conf "$run/etc/"
  for f in "$HERE"/test/*.conf; do
    # test/<name>.conf is appended to (or becomes) <name>.conf: the production configs stay untouched
    cat "$f" >> "$run/etc/$(basename "$f")"
  done
  cat > "$run/etc/asterisk.conf" <<CONF
[directories]
astetcdir => $run/etc
astmoddir => $AST_HOME/lib/asterisk/modules
astvarlibdir => $run/lib
astdbdir => $run/lib
astkeydir => $run/lib
astdatadir => $run/lib
astagidir => $run/lib/agi-bin
astspooldir => $run/spool
astrundir => $run/run
astlogdir => $run/log
astsbindir => $AST_HOME/sbin

[options]
documentation_language = en_US
CONF
  [ -f "$run/etc/modules.conf" ] || printf '[modules]\nautoload = yes\n' > "$run/etc/modules.conf"
  [ -f "$run/etc/logger.conf" ] || printf '[general]\n[logfiles]\nmessages => notice,warning,error,verbose\n' > "$run/etc/logger.conf"
  # recordings go to the run dir, not /var/spool
  sed -i "s#^RECORDINGS = .*#RECORDINGS = $run/spool/monitor/hotline#" "$run/etc/extensions.conf"
  for d in documentation rest-api static-http; do
    [ -e "$AST_HOME/var/lib/asterisk/$d" ] && ln -sfn "$AST_HOME/var/lib/asterisk/$d" "$run/lib/$d"
  done
  say "run dir $run (start: $AST_HOME/sbin/asterisk -C $run/etc/asterisk.conf -f)"
}

if [ "${1:-}" = --rundir-only ]; then rundir; exit 0; fi
SRC=${1:?usage: build.sh ASTERISK_SRC PJPROJECT_TARBALL}; TARBALL=${2:?usage: build.sh ASTERISK_SRC PJPROJECT_TARBALL}
[ -f "$SRC/configure" ] || die "$SRC is not an Asterisk source tree"
[ -f "$TARBALL" ] || die "$TARBALL not found"
SRC=$(cd "$SRC" && pwd); TARBALL=$(cd "$(dirname "$TARBALL")" && pwd)/$(basename "$TARBALL")
case "$(cat "$SRC/.version" 2>/dev/null)" in 20.*) ;; *) die "$SRC is not Asterisk 20 (.version)";; esac
START=$(date +%s)
cd "$SRC"
# A tree made by git archive of a shallow mirror can lack the historical ChangeLog that `make install` copies.
for f in ChangeLog CHANGES; do
  [ -e "ChangeLogs/historical/$f" ] || { mkdir -p ChangeLogs/historical; touch "ChangeLogs/historical/$f"; }
done

PJV=$(sed -n 's/^PJPROJECT_VERSION=//p' third-party/versions.mak)
[ "$(basename "$TARBALL")" = "pjproject-$PJV.tar.bz2" ] || die "this tree wants pjproject-$PJV.tar.bz2"
top=$(tar -tjf "$TARBALL" 2>/dev/null | head -1 || true)
case "$top" in "pjproject-$PJV/"*) ;; *) die "$TARBALL must unpack to pjproject-$PJV/ (found '$top')";; esac

CACHE=$SRC/third-party/externals-cache; mkdir -p "$CACHE"
cp -f "$TARBALL" "$CACHE/"
# The build checks the tarball against this md5 and downloads on a mismatch (also when the file is missing):
# a repacked tarball is accepted by writing its own sum.
MD5=third-party/pjproject/pjproject-$PJV.tar.bz2.md5
have=$(md5sum "$CACHE/pjproject-$PJV.tar.bz2" | cut -d' ' -f1)
grep -q "^$have" "$MD5" 2>/dev/null || { say "md5 differs from $MD5: accepting $have"; echo "$have  pjproject-$PJV.tar.bz2" > "$MD5"; }

say "configure (bundled pjproject $PJV)"
nice -n 19 ./configure --prefix="$AST_HOME" --with-pjproject-bundled --with-externals-cache="$CACHE" \
  --with-download-cache="$CACHE" > build-configure.log 2>&1 || { tail -30 build-configure.log; die "configure failed"; }
grep -q 'PJPROJECT_BUNDLED=yes' makeopts || die "bundled pjproject not configured (build-configure.log)"
nice -n 19 make menuselect.makeopts > build-menuselect.log 2>&1
# No sound packages (they would be downloaded), no CPU-specific code.
menuselect/menuselect --disable-category MENUSELECT_CORE_SOUNDS --disable-category MENUSELECT_MOH \
  --disable-category MENUSELECT_EXTRA_SOUNDS --disable BUILD_NATIVE menuselect.makeopts
say "make -j$JOBS (log $SRC/build-make.log)"
nice -n 19 make -j"$JOBS" > build-make.log 2>&1 || { tail -40 build-make.log; die "make failed"; }
nice -n 19 make install > build-install.log 2>&1 || { tail -30 build-install.log; die "make install failed"; }
# cdr_pgsql (the CDR import, docs/telephony.md) is built only when libpq's headers were there before configure
grep -q '^PGSQL_INCLUDE=.' makeopts || die "libpq-dev missing at configure: cdr_pgsql not built (apt-get install libpq-dev, then rerun)"
for m in chan_pjsip res_pjsip app_queue res_agi app_mixmonitor cdr_pgsql; do
  [ -f "$AST_HOME/lib/asterisk/modules/$m.so" ] || die "module $m not built"
done
! ldd "$AST_HOME/sbin/asterisk" | grep 'not found' || die "unresolved libraries"
rundir
say "$("$AST_HOME/sbin/asterisk" -V) in $AST_HOME, $(( $(date +%s) - START )) s"
