# Sourced (not run) by run.sh and selfplay.sh, from the repository root: points libtorch at the GPU machine's
# PyTorch and unpacks the azr build that pack.sh put in .gpu/azr.tar.xz into "$work/app" (once per work folder).
# Needs $work set; sets AZR to the unpacked azr. $1 names the calling script in the error when the pack is missing.
TL=$(python3 -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')
export LD_LIBRARY_PATH="$TL${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export AZR_LIBTORCH="$TL"
app="$work/app"
if [ ! -x "$app/azr" ]; then
  [ -f .gpu/azr.tar.xz ] || { echo "$1: .gpu/azr.tar.xz missing: run scripts/gpu/pack.sh first and carry .gpu" >&2; exit 1; }
  mkdir -p "$app" && tar -C "$app" -xJf .gpu/azr.tar.xz
fi
AZR="$app/azr"
