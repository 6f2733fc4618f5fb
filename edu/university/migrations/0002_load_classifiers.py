"""Load the national HEMIS classifiers (codes and names in four languages)."""

from django.db import migrations


def load(apps, schema_editor):
    from edu.university.classifiers import load_reference_data

    Classifier = apps.get_model("university", "Classifier")
    ClassifierOption = apps.get_model("university", "ClassifierOption")
    classifiers, options = load_reference_data()
    existing = set(Classifier.objects.values_list("code", flat=True))
    Classifier.objects.bulk_create([Classifier(**c) for c in classifiers if c["code"] not in existing])
    by_code = dict(Classifier.objects.values_list("code", "pk"))
    have = set(ClassifierOption.objects.filter(institution__isnull=True).values_list("classifier__code", "code"))
    rows = []
    for option in options:
        key = (option["classifier"], option["code"])
        if key in have:
            continue
        have.add(key)
        data = dict(option)
        data["classifier_id"] = by_code[data.pop("classifier")]
        rows.append(ClassifierOption(**data))
    ClassifierOption.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("university", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
