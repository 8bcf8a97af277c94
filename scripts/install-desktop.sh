#!/usr/bin/env bash
# Install the bundle for this user: the program, its menu entry, the .case file type and the icon.
#
#   scripts/install-desktop.sh [--prefix DIR] [--uninstall] [BUNDLE]
#
# BUNDLE is the built folder (default: dist/evidence-timeline, or this script's own folder when
# it is run from inside a copied bundle). DIR defaults to ~/.local: the program goes to
# DIR/lib/evidence-timeline, a link to it to DIR/bin, the rest to DIR/share (without --prefix,
# to $XDG_DATA_HOME if it is set).
set -euo pipefail

prefix=""
uninstall=""
bundle=""
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --uninstall) uninstall=1; shift ;;
        -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) bundle="$1"; shift ;;
    esac
done
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "$bundle" ]; then
    if [ -x "$here/evidence-timeline" ]; then bundle="$here"; else bundle="$here/../dist/evidence-timeline"; fi
fi
if [ -n "$prefix" ]; then share="$prefix/share"; else prefix="$HOME/.local"; share="${XDG_DATA_HOME:-$prefix/share}"; fi
app="$prefix/lib/evidence-timeline"
type="application/x-evidence-timeline-case"
icon_type="${type//\//-}"
sizes="16 24 32 48 64 128 256 512"

refresh() {
    # Each cache is rebuilt where its tool is installed; desktops also notice changes on their own.
    if command -v update-mime-database >/dev/null; then update-mime-database "$share/mime"; fi
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$share/applications"
    fi
    if command -v gtk-update-icon-cache >/dev/null && [ -f "$share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -f -t "$share/icons/hicolor"
    fi
    return 0
}

if [ -n "$uninstall" ]; then
    rm -rf "$app"
    rm -f "$prefix/bin/evidence-timeline" "$share/applications/evidence-timeline.desktop" \
        "$share/mime/packages/evidence-timeline.xml" "$share/icons/hicolor/scalable/apps/evidence-timeline.svg"
    for size in $sizes; do
        rm -f "$share/icons/hicolor/${size}x${size}/apps/evidence-timeline.png" \
            "$share/icons/hicolor/${size}x${size}/mimetypes/$icon_type.png"
    done
    mkdir -p "$share/mime" "$share/applications"
    refresh
    echo "Removed Evidence Timeline from $prefix"
    exit 0
fi

if [ ! -x "$bundle/evidence-timeline" ]; then
    echo "install-desktop.sh: no bundle at $bundle; build it first with scripts/build_bundle.sh" >&2
    exit 2
fi
resources="$bundle/_internal/timeline_app/_resources"

rm -rf "$app.new"
mkdir -p "$prefix/lib" "$prefix/bin"
cp -a "$bundle" "$app.new"
rm -rf "$app"
mv "$app.new" "$app"
ln -sfn "$app/evidence-timeline" "$prefix/bin/evidence-timeline"

mkdir -p "$share/applications" "$share/mime/packages" "$share/icons/hicolor/scalable/apps"
# The entry starts the installed program by its full path: ~/.local/bin may not be on PATH.
sed "s|^Exec=evidence-timeline |Exec=\"$app/evidence-timeline\" |" \
    "$resources/linux/evidence-timeline.desktop" >"$share/applications/evidence-timeline.desktop"
cp "$resources/linux/evidence-timeline.xml" "$share/mime/packages/evidence-timeline.xml"
cp "$resources/icons/evidence-timeline.svg" "$share/icons/hicolor/scalable/apps/evidence-timeline.svg"
for size in $sizes; do
    for kind in apps mimetypes; do mkdir -p "$share/icons/hicolor/${size}x${size}/$kind"; done
    cp "$resources/icons/evidence-timeline-$size.png" "$share/icons/hicolor/${size}x${size}/apps/evidence-timeline.png"
    cp "$resources/icons/evidence-timeline-$size.png" "$share/icons/hicolor/${size}x${size}/mimetypes/$icon_type.png"
done
refresh
echo "Installed Evidence Timeline in $app; its menu entry, the .case file type and the icon under $share"
