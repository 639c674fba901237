"""The audit trail: one row per thing that happened in a region."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from villages.models import Region


class Action(models.TextChoices):
    PAGE_CREATE = "page.create", _("membuat halaman")
    PAGE_EDIT = "page.edit", _("menyimpan draf")
    PAGE_PUBLISH = "page.publish", _("menerbitkan halaman")
    PAGE_UNPUBLISH = "page.unpublish", _("menarik halaman")
    PAGE_DELETE = "page.delete", _("menghapus halaman")
    PAGE_MOVE = "page.move", _("memindahkan halaman")
    PAGE_REVERT = "page.revert", _("memulihkan versi lama")
    PAGE_COPY = "page.copy", _("menyalin halaman")
    PAGE_TRANSLATE = "page.translate", _("membuat terjemahan")
    PAGE_PRIVACY = "page.privacy", _("mengubah akses halaman")
    PAGE_SUBMIT = "page.submit", _("mengajukan untuk moderasi")
    PAGE_APPROVE = "page.approve", _("menyetujui")
    PAGE_REJECT = "page.reject", _("meminta perubahan")
    PAGE_CANCEL = "page.cancel", _("membatalkan moderasi")
    SETTINGS_CHANGE = "settings.change", _("mengubah pengaturan situs")
    VILLAGE_CREATE = "village.create", _("membuat desa")
    POLICY_CHANGE = "policy.change", _("mengubah kebijakan kabupaten")
    REMINDER_SENT = "reminder.sent", _("mengirim pengingat keaktifan")
    USER_INVITE = "user.invite", _("mengundang pengguna")
    USER_ROLE_ADD = "user.role_add", _("memberi peran")
    USER_ROLE_REMOVE = "user.role_remove", _("mencabut peran")
    USER_UPDATE = "user.update", _("mengubah data akun")
    USER_DEACTIVATE = "user.deactivate", _("menonaktifkan akun")
    USER_REACTIVATE = "user.reactivate", _("mengaktifkan kembali akun")
    USER_PASSWORD_RESET = "user.password_reset", _("mengatur ulang sandi")
    USER_LOCKED_OUT = "user.locked_out", _("akun terkunci sementara")
    LETTER_ISSUE = "letter.issue", _("menerbitkan surat")
    LETTER_REVOKE = "letter.revoke", _("mencabut surat")
    LETTER_RETURN = "letter.return", _("mengembalikan permohonan surat ke desa")
    LETTER_SETTINGS = "letter.settings", _("mengubah pengaturan layanan surat")
    COMPLAINT_ANSWER = "complaint.answer", _("menjawab pengaduan")
    COMPLAINT_PUBLISH = "complaint.publish", _("menampilkan pengaduan di situs")
    COMPLAINT_PRIVATE = "complaint.private", _("menjadikan pengaduan privat")


class Kind(models.TextChoices):
    """What the history can be filtered by: broad kinds of action."""

    PAGES = "halaman", _("Halaman")
    MODERATION = "moderasi", _("Moderasi")
    SETTINGS = "pengaturan", _("Pengaturan")
    PEOPLE = "pengguna", _("Pengguna")
    LETTERS = "surat", _("Surat")
    COMPLAINTS = "pengaduan", _("Pengaduan")


ACTIONS_BY_KIND = {
    Kind.PAGES: [
        Action.PAGE_CREATE,
        Action.PAGE_EDIT,
        Action.PAGE_PUBLISH,
        Action.PAGE_UNPUBLISH,
        Action.PAGE_DELETE,
        Action.PAGE_MOVE,
        Action.PAGE_REVERT,
        Action.PAGE_COPY,
        Action.PAGE_TRANSLATE,
        Action.PAGE_PRIVACY,
    ],
    Kind.MODERATION: [
        Action.PAGE_SUBMIT,
        Action.PAGE_APPROVE,
        Action.PAGE_REJECT,
        Action.PAGE_CANCEL,
    ],
    Kind.SETTINGS: [
        Action.SETTINGS_CHANGE,
        Action.VILLAGE_CREATE,
        Action.POLICY_CHANGE,
        Action.REMINDER_SENT,
    ],
    Kind.PEOPLE: [
        Action.USER_INVITE,
        Action.USER_ROLE_ADD,
        Action.USER_ROLE_REMOVE,
        Action.USER_UPDATE,
        Action.USER_DEACTIVATE,
        Action.USER_REACTIVATE,
        Action.USER_PASSWORD_RESET,
        Action.USER_LOCKED_OUT,
    ],
    # The numbers issued and revoked; the entry names the letter, never the resident.
    Kind.LETTERS: [
        Action.LETTER_ISSUE,
        Action.LETTER_REVOKE,
        Action.LETTER_RETURN,
        Action.LETTER_SETTINGS,
    ],
    # Answered, published or kept private; the entry names the complaint, never its sender.
    Kind.COMPLAINTS: [Action.COMPLAINT_ANSWER, Action.COMPLAINT_PUBLISH, Action.COMPLAINT_PRIVATE],
}


class RegionLogEntry(models.Model):
    """Something that happened in a region (a village, a district or a regency).

    Written when it happens and never changed, so the history keeps pages that were deleted
    since and people whose accounts are gone (their name is copied into ``actor_name``).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.CASCADE, related_name="log_entries"
    )
    timestamp = models.DateTimeField(_("waktu"), default=timezone.now)
    action = models.CharField(_("tindakan"), max_length=32, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField(_("nama pelaku"), max_length=255, blank=True)
    # What the action was about: a page title, a setting, a person's name.
    object_label = models.CharField(_("objek"), max_length=255, blank=True)
    # No foreign key: the entry outlives the page.
    page_id = models.BigIntegerField(_("halaman"), null=True, blank=True)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("rincian"), default=dict, blank=True)
    # Wagtail's id of the request (or editing session) an action was part of, for entries
    # mirrored from Wagtail's logs: the drafts autosaved while one page is open, and the
    # draft saved together with a publication, become one entry (see audit.signals).
    uuid = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("catatan riwayat")
        verbose_name_plural = _("riwayat wilayah")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(fields=["region", "-timestamp"], name="audit_region_time"),
            models.Index(fields=["uuid", "page_id"], name="audit_uuid_page"),
        ]

    def __str__(self):
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"

    @property
    def actor_display(self) -> str:
        # No actor: scheduled publishing, imports and other work the platform does itself.
        return self.actor_name or str(_("Sistem"))

    @property
    def action_label(self) -> str:
        return str(self.get_action_display())
