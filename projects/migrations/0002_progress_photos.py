"""A progress update holds several photos (a StreamField of images) instead of one."""

import wagtail.fields
from django.db import migrations


def photo_to_photos(apps, schema_editor):
    ProgressUpdate = apps.get_model("projects", "ProgressUpdate")
    for update in ProgressUpdate.objects.exclude(photo=None):
        update.photos = [{"type": "photo", "value": update.photo_id}]  # raw stream data
        update.save(update_fields=["photos"])


def photos_to_photo(apps, schema_editor):
    ProgressUpdate = apps.get_model("projects", "ProgressUpdate")
    for update in ProgressUpdate.objects.all():
        raw = list(update.photos.raw_data)
        if raw:
            update.photo_id = raw[0]["value"]
            update.save(update_fields=["photo"])


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0001_initial"),
        ("assets", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressupdate",
            name="photos",
            field=wagtail.fields.StreamField(
                [("photo", 0)],
                blank=True,
                block_lookup={
                    0: ("wagtail.images.blocks.ImageChooserBlock", (), {"label": "foto"})
                },
                help_text="Foto keadaan pekerjaan pada tanggal ini (paling banyak 8).",
                verbose_name="foto",
            ),
        ),
        migrations.RunPython(photo_to_photos, photos_to_photo),
        migrations.RemoveField(model_name="progressupdate", name="photo"),
    ]
