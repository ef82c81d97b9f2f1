"""Benchmark: time and peak memory to ingest a 24-megapixel JPEG and make its renditions.

It runs the code an upload runs: the upload field's checks and cleaning
(``PhotoFileField`` → ``clean_image``), then ``Photo.save()``, which stores the
image and makes every rendition. Each run is a fresh process, so its peak
resident memory is that run's alone. Everything is written to a temporary
folder and a temporary database, and removed afterwards.

    .venv/bin/python bench/photo_ingest.py            # 5 runs of a 6000×4000 JPEG
    .venv/bin/python bench/photo_ingest.py --runs 3 --width 8000 --height 6000

The figures in docs/performance.md come from this script.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _status_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024  # reported in kB
    raise RuntimeError(f"{field} not in /proc/self/status")


def peak_rss_mb():
    # VmHWM, not getrusage's ru_maxrss: that one carries the parent's peak over fork and exec.
    return _status_mb("VmHWM")


def current_rss_mb():
    return _status_mb("VmRSS")


def make_photograph(path, width, height):
    """A photograph-like JPEG, as a camera writes it (quality 92, EXIF): sharp edges and fine detail at every
    scale (a Mandelbrot set), smooth light and shade, mottled surfaces and sensor grain."""
    from PIL import ExifTags, Image

    size = (width, height)
    detail = Image.effect_mandelbrot(size, (-2.2, -1.2, 1.0, 1.2), 60)
    mottle = Image.effect_noise((max(1, width // 16), max(1, height // 16)), 60).resize(size, Image.Resampling.BICUBIC)
    light = Image.radial_gradient("L").resize(size)
    grain = Image.effect_noise(size, 18)
    image = Image.merge("RGB", (detail, Image.blend(light, mottle, 0.5), Image.blend(mottle, grain, 0.5)))
    exif = image.getexif()
    exif[ExifTags.Base.Make] = "Benchmark"
    exif[ExifTags.Base.Orientation] = 1
    image.save(path, format="JPEG", quality=92, exif=exif)


def setup_django(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "embassy.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def child(workdir, source):
    """One ingest, in this process: what an upload through the photograph form does."""
    setup_django(workdir)
    from django.core.files.uploadedfile import TemporaryUploadedFile

    from photos.forms import PhotoFileField
    from photos.models import Photo

    baseline = current_rss_mb()
    # Django keeps an upload this size in a temporary file, not in memory: do the same.
    upload = TemporaryUploadedFile("camera.jpg", "image/jpeg", source.stat().st_size, None)
    with open(source, "rb") as file:
        shutil.copyfileobj(file, upload)
    upload.seek(0)

    start = time.perf_counter()
    cleaned = PhotoFileField().clean(upload)
    checked = time.perf_counter()
    photo = Photo(caption="Benchmark", credit="Benchmark", alt_text="Benchmark")
    photo.image = cleaned
    photo.save()
    saved = time.perf_counter()
    media = Path(os.environ["MEDIA_ROOT"])
    print(
        json.dumps(
            {
                "clean_s": checked - start,
                "store_and_renditions_s": saved - checked,
                "total_s": saved - start,
                "baseline_rss_mb": baseline,
                "peak_rss_mb": peak_rss_mb(),
                "stored_bytes": (media / photo.image.name).stat().st_size,
                "renditions": len(photo.renditions),
                "rendition_bytes": sum((media / record["name"]).stat().st_size for record in photo.renditions),
                "size": [photo.width, photo.height],
            }
        )
    )


def machine():
    from PIL import __version__ as pillow_version
    from PIL import features

    def run(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return "?"

    cpu = next((line.split(":", 1)[1].strip() for line in run(["lscpu"]).splitlines() if "Model name" in line), "?")
    return {
        "nproc": run(["nproc"]),
        "cpu": cpu,
        "memory": run(["free", "-h"]),
        "python": platform.python_version(),
        "pillow": pillow_version,
        "libjpeg": features.version("libjpeg_turbo"),
        "libwebp": features.version("webp"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--child", nargs=2, metavar=("WORKDIR", "SOURCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return

    workdir = Path(tempfile.mkdtemp(prefix="photo-ingest-"))
    try:
        source = workdir / "camera.jpg"
        make_photograph(source, args.width, args.height)
        source_mb = source.stat().st_size / (1024 * 1024)
        setup_django(workdir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        results = []
        for _ in range(max(1, min(args.runs, 50))):
            output = subprocess.run(
                [sys.executable, __file__, "--child", str(workdir), str(source)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    def median(key):
        return statistics.median(result[key] for result in results)

    info = machine()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Machine: {info['nproc']} CPUs ({info['cpu']}); Python {info['python']}, Pillow {info['pillow']}")
    print(f"         libjpeg-turbo {info['libjpeg']}, libwebp {info['libwebp']}")
    print(info["memory"])
    print(f"Load average after the runs (1, 5, 15 min): {load}")
    megapixels = args.width * args.height / 1_000_000
    stored_mb = results[0]["stored_bytes"] / (1024 * 1024)
    print(f"\nSource: {args.width}×{args.height} JPEG, {megapixels:g} MP, {source_mb:.1f} MB", end=" ")
    print(f"(stored after cleaning: {stored_mb:.1f} MB)")
    print(f"Runs: {len(results)} (each in a fresh process); medians, with the range in brackets:")
    for key, label in [
        ("clean_s", "check + strip + re-encode (clean_image)"),
        ("store_and_renditions_s", "store + renditions (Photo.save)"),
        ("total_s", "total"),
    ]:
        values = [result[key] for result in results]
        print(f"  {label:42} {median(key):6.2f} s  [{min(values):.2f}–{max(values):.2f}]")
    print(f"  {'process memory before the upload':42} {median('baseline_rss_mb'):6.0f} MB")
    print(f"  {'peak process memory (max RSS)':42} {median('peak_rss_mb'):6.0f} MB")
    print(f"  {'peak added by the ingest':42} {median('peak_rss_mb') - median('baseline_rss_mb'):6.0f} MB")
    print(
        f"  renditions: {results[0]['renditions']} files, {results[0]['rendition_bytes'] / 1024:.0f} KB in all "
        f"(stored image {results[0]['size'][0]}×{results[0]['size'][1]})"
    )


if __name__ == "__main__":
    main()
