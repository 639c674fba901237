"""Turn a fresh Wagtail database into the platform's starting point.

- Remove Wagtail's "Welcome" page and its catch-all default site: regions bring their own.
- Add the English locale next to the default Bahasa Indonesia.
- Remove the stock "Editors" and "Moderators" groups: they hold rights on the tree root, so
  anyone put in them could edit every village.
- Replace the stock moderation workflow (any moderator approves any page) with one whose
  task lets only the page's own village operators approve.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Task = apps.get_model("wagtailcore", "Task")
    RegionApprovalTask = apps.get_model("villages", "RegionApprovalTask")

    page_ct = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    if page_ct:
        welcome = Page.objects.filter(depth=2, content_type=page_ct)
        Site.objects.filter(root_page__in=welcome).delete()
        welcome.delete()
    root = Page.objects.filter(depth=1).first()
    if root:
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])

    Locale.objects.get_or_create(language_code="en")

    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()

    Workflow.objects.filter(name="Moderators approval").update(active=False)
    Task.objects.filter(name="Moderators approval").update(active=False)

    task_ct, _ = ContentType.objects.get_or_create(app_label="villages", model="regionapprovaltask")
    task = RegionApprovalTask.objects.create(
        name="Persetujuan operator desa", content_type=task_ct, active=True, role="operator"
    )
    workflow = Workflow.objects.create(name="Moderasi desa", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if root:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("villages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
