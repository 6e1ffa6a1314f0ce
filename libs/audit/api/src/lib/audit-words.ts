/**
 * The words of the audit log's files: the screen's own (apps/web/public/i18n/*.json, the keys named here),
 * so that a file says what the page says; audit-words.spec.ts fails when the two differ. Copied, not read at
 * run time: the API does not ship the web's files.
 */
export const AUDIT_WORDS: Record<'fr' | 'ar' | 'en', Readonly<Record<string, string>>> = {
  fr: {
    'audit.actions.fieldwork.shared': 'Organisation partagée entre coachs',
    'audit.actions.privacy.erasure-requested': 'Effacement de ses données demandé',
    'audit.sentences.privacy.erasure-requested': '{{ actor }} a demandé l’effacement de ses données.',
    'audit.actions.privacy.erased': 'Personne effacée',
    'audit.actions.privacy.retention-run': 'Durées de conservation appliquées',
    'audit.sentences.privacy.retention-run':
      '{{ actor }} a appliqué les durées de conservation : {{ count }} lignes supprimées ou anonymisées.',
    'audit.actions.privacy.retention-anonymised': 'Compte inactif anonymisé',
    'audit.sentences.privacy.retention-anonymised':
      '{{ actor }} a anonymisé un compte resté inactif après son avertissement ({{ subject }}).',
    'audit.sentences.privacy.erased':
      '{{ actor }} a effacé les données personnelles d’une personne ({{ subject }}).',
    'audit.actions.privacy.export-requested': 'Archive de ses données demandée',
    'audit.sentences.privacy.export-requested': '{{ actor }} a demandé une archive de ses données.',
    'audit.actions.privacy.export-downloaded': 'Archive de ses données téléchargée',
    'audit.sentences.privacy.export-downloaded': '{{ actor }} a téléchargé l’archive de ses données.',
    'audit.actions.fieldwork.unshared': "Partage d'une organisation retiré",
    'audit.actions.fieldwork.organisation-deleted': 'Organisation supprimée du carnet de terrain',
    'audit.sentences.fieldwork.shared':
      '{{ actor }} a partagé une organisation de son carnet de terrain ({{ territory }}) avec {{ subject }}.',
    'audit.sentences.fieldwork.unshared':
      '{{ actor }} a cessé de partager une organisation de son carnet de terrain ({{ territory }}) avec {{ subject }}.',
    'audit.sentences.fieldwork.organisation-deleted':
      '{{ actor }} a supprimé une organisation du carnet de terrain de {{ subject }} ({{ territory }}).',
    'audit.action': 'Action',
    'audit.actions.account.disabled': 'Compte désactivé',
    'audit.actions.account.enabled': 'Compte réactivé',
    'audit.actions.account.locked': 'Connexion bloquée',
    'audit.actions.account.unlocked': 'Connexion débloquée',
    'audit.actions.audit.exported': 'Journal d’audit exporté',
    'audit.actions.certificate.reissued': 'Certificat réédité',
    'audit.actions.practice.reviewed': 'Tâche pratique relue',
    'audit.actions.announcement.deleted': 'Annonce supprimée',
    'audit.actions.thread.post-hidden': 'Message masqué dans une discussion',
    'audit.actions.thread.post-shown': 'Message rétabli dans une discussion',
    'audit.actions.thread.locked': 'Discussion verrouillée',
    'audit.actions.thread.unlocked': 'Discussion déverrouillée',
    'audit.sentences.thread.post-hidden':
      '{{ actor }} a masqué un message d’une discussion de la cohorte « {{ subject }} ».',
    'audit.sentences.thread.post-shown':
      '{{ actor }} a rétabli un message masqué d’une discussion de la cohorte « {{ subject }} ».',
    'audit.sentences.thread.locked':
      '{{ actor }} a verrouillé une discussion de la cohorte « {{ subject }} ».',
    'audit.sentences.thread.unlocked':
      '{{ actor }} a déverrouillé une discussion de la cohorte « {{ subject }} ».',
    'audit.actions.job.retried': 'Tâche en échec relancée',
    'audit.sentences.job.retried': '{{ actor }} a relancé la tâche en échec {{ subject }}.',
    'audit.subjects.job': 'Tâche de fond',
    'audit.actions.certificate.revoked': 'Certificat révoqué',
    'audit.actions.cohort.created': 'Cohorte créée',
    'audit.actions.cohort.csv-imported': 'Import CSV dans une cohorte',
    'audit.actions.cohort.invitation-resent': 'Invitation renvoyée',
    'audit.actions.cohort.invitations-resent': 'Invitations renvoyées',
    'audit.actions.cohort.nudged': 'Relance de coachs en retard',
    'audit.actions.cohort.invited': 'Personnes ajoutées à une cohorte par e-mail',
    'audit.actions.cohort.join-code-changed': 'Code d’accès d’une cohorte changé',
    'audit.actions.cohort.roster-exported': 'Liste d’une cohorte exportée',
    'audit.actions.cohort.version-changed': 'Cohorte passée à une autre version',
    'audit.actions.course.published': 'Version de cours publiée',
    'audit.actions.course.duplicated': 'Cours dupliqué',
    'audit.actions.observatory.exported': 'Export de l’observatoire',
    'audit.actions.role.changed': 'Rôle changé',
    'audit.actions.role.granted': 'Rôle attribué',
    'audit.actions.role.revoked': 'Rôle retiré',
    'audit.actions.territory.created': 'Territoire créé',
    'audit.actions.territory.moved': 'Territoire déplacé',
    'audit.actions.territory.updated': 'Territoire modifié',
    'audit.actor': 'Auteur (nom ou e-mail)',
    'audit.export.csv': 'Exporter en CSV',
    'audit.export.filters': 'Filtres',
    'audit.export.generated': 'Produit le',
    'audit.export.noFilter': 'aucun',
    'audit.export.reason': 'Motif',
    'audit.export.sentence': 'Description',
    'audit.export.sheet': 'Journal',
    'audit.export.subject': 'Nom',
    'audit.export.territory': 'Territoire',
    'audit.export.timeZone': 'heure du Maroc',
    'audit.export.truncated':
      'Seules les {{ max }} entrées les plus récentes figurent dans ce fichier : resserrez les filtres pour voir les autres.',
    'audit.export.when': 'Date',
    'audit.export.xlsx': 'Exporter en Excel',
    'audit.extras.viaEnrolment': '(inscription à la cohorte « {{ cohort }} »)',
    'audit.extras.viaInvitation': '(par invitation)',
    'audit.fields.code': 'code {{ previousCode }} → {{ code }}',
    'audit.fields.name.ar': 'nom en arabe',
    'audit.fields.name.en': 'nom en anglais',
    'audit.fields.name.fr': 'nom en français',
    'audit.from': 'Du',
    'audit.none': '—',
    'audit.platform': 'La plateforme',
    'audit.sentences.account.disabled': '{{ actor }} a désactivé un compte : {{ subject }}.',
    'audit.sentences.account.enabled': '{{ actor }} a réactivé un compte : {{ subject }}.',
    'audit.sentences.account.locked':
      'Connexion bloquée {{ minutes }} min après {{ failures }} mots de passe erronés : {{ subject }}.',
    'audit.sentences.account.unlocked':
      '{{ actor }} a débloqué la connexion et effacé les échecs : {{ subject }}.',
    'audit.sentences.audit.exported':
      '{{ actor }} a exporté le journal d’audit ({{ format }}, {{ rows }} entrée(s)).',
    'audit.sentences.certificate.reissued':
      '{{ actor }} a réédité le certificat {{ subject }} (cohorte « {{ cohort }} »).',
    'audit.sentences.practice.reviewed':
      '{{ actor }} a relu un rendu de tâche pratique dans la cohorte « {{ subject }} ».',
    'audit.sentences.announcement.deleted':
      '{{ actor }} a supprimé une annonce de la cohorte « {{ subject }} ».',
    'audit.sentences.certificate.revoked':
      '{{ actor }} a révoqué le certificat {{ subject }} (cohorte « {{ cohort }} »).',
    'audit.sentences.cohort.created':
      '{{ actor }} a créé la cohorte « {{ subject }} » ({{ course }}, version {{ version }}) sur {{ territory }}.',
    'audit.sentences.cohort.csv-imported':
      '{{ actor }} a importé un fichier CSV de {{ rows }} ligne(s) dans la cohorte « {{ subject }} » : {{ enrolled }} inscrite(s), {{ invitations }} invitée(s).',
    'audit.sentences.cohort.invitation-resent':
      '{{ actor }} a renvoyé une invitation à rejoindre la cohorte « {{ subject }} ».',
    'audit.sentences.cohort.invitations-resent':
      '{{ actor }} a renvoyé {{ count }} invitation(s) à rejoindre la cohorte « {{ subject }} ».',
    'audit.sentences.cohort.nudged':
      '{{ actor }} a relancé {{ count }} coach(s) de la cohorte « {{ subject }} ».',
    'audit.sentences.cohort.invited':
      '{{ actor }} a ajouté par e-mail des personnes à la cohorte « {{ subject }} » : {{ enrolled }} inscrite(s), {{ invitations }} invitée(s).',
    'audit.sentences.cohort.join-code-changed':
      '{{ actor }} a créé un nouveau code d’accès pour la cohorte « {{ subject }} ».',
    'audit.sentences.cohort.join-code-removed':
      '{{ actor }} a supprimé le code d’accès de la cohorte « {{ subject }} ».',
    'audit.sentences.cohort.roster-exported':
      '{{ actor }} a exporté la liste de la cohorte « {{ subject }} » ({{ format }}, {{ rows }} ligne(s)).',
    'audit.sentences.cohort.version-changed':
      '{{ actor }} a fait passer la cohorte « {{ subject }} » de la version {{ previousVersion }} à la version {{ version }}.',
    'audit.sentences.course.duplicated':
      '{{ actor }} a dupliqué le cours « {{ course }} » en un nouveau brouillon, « {{ subject }} ».',
    'audit.sentences.course.published':
      '{{ actor }} a publié la version {{ version }} du cours « {{ subject }} ».',
    'audit.sentences.observatory.exported':
      '{{ actor }} a exporté le tableau « {{ table }} » de l’observatoire pour {{ subject }} ({{ format }}).',
    'audit.sentences.role.changed':
      '{{ actor }} a remplacé, pour {{ subject }}, le rôle « {{ previousRole }} » sur {{ previousTerritory }} par « {{ role }} » sur {{ territory }}.',
    'audit.sentences.role.granted':
      '{{ actor }} a attribué à {{ subject }} le rôle « {{ role }} » sur {{ territory }}.',
    'audit.sentences.role.revoked':
      '{{ actor }} a retiré à {{ subject }} le rôle « {{ role }} » sur {{ territory }}.',
    'audit.sentences.territory.created':
      '{{ actor }} a créé le territoire « {{ subject }} » ({{ level }}) sous {{ parent }}.',
    'audit.sentences.territory.moved':
      '{{ actor }} a déplacé le territoire « {{ subject }} » de {{ previousParent }} vers {{ parent }}.',
    'audit.sentences.territory.updated':
      '{{ actor }} a modifié le territoire « {{ subject }} » : {{ changed }}.',
    'audit.subjectType': 'Objet',
    'audit.subjects.certificate': 'Certificat',
    'audit.subjects.cohort': 'Cohorte',
    'audit.subjects.course': 'Cours',
    'audit.subjects.territory': 'Territoire',
    'audit.subjects.user': 'Compte',
    'audit.tables.competences': 'Compétences DigComp',
    'audit.tables.completion': 'Parcours des coachs',
    'audit.title': 'Journal d’audit',
    'audit.to': 'Au',
    'audit.unnamed': '#{{ id }}',
    'roles.admin': 'Administrateur·rice',
    'roles.coach': 'Coach',
    'roles.observer': 'Observateur·rice',
    'roles.trainer': 'Formateur·rice',
    'territories.level.commune': 'Commune',
    'territories.level.country': 'Pays',
    'territories.level.province': 'Province',
    'territories.level.region': 'Région',
    'territories.level.root': 'Ensemble',
  },
  ar: {
    'audit.actions.fieldwork.shared': 'مشاركة مؤسسة بين المدرّبين',
    'audit.actions.privacy.erasure-requested': 'طلب محو المعطيات الشخصية',
    'audit.sentences.privacy.erasure-requested': 'طلب {{ actor }} محو معطياته الشخصية.',
    'audit.actions.privacy.erased': 'محو معطيات شخص',
    'audit.actions.privacy.retention-run': 'تطبيق مدد الاحتفاظ بالمعطيات',
    'audit.sentences.privacy.retention-run':
      'طبّقت {{ actor }} مدد الاحتفاظ بالمعطيات: حُذف {{ count }} من السجلات أو أُخفيت هويتها.',
    'audit.actions.privacy.retention-anonymised': 'إخفاء هوية حساب غير نشط',
    'audit.sentences.privacy.retention-anonymised':
      'أخفت {{ actor }} هوية حساب ظلّ غير نشط بعد تنبيهه ({{ subject }}).',
    'audit.sentences.privacy.erased': 'محا {{ actor }} المعطيات الشخصية لشخص ({{ subject }}).',
    'audit.actions.privacy.export-requested': 'طلب أرشيف البيانات الشخصية',
    'audit.sentences.privacy.export-requested': 'طلب {{ actor }} أرشيفًا لبياناته الشخصية.',
    'audit.actions.privacy.export-downloaded': 'تنزيل أرشيف البيانات الشخصية',
    'audit.sentences.privacy.export-downloaded': 'نزّل {{ actor }} أرشيف بياناته الشخصية.',
    'audit.actions.fieldwork.unshared': 'إلغاء مشاركة مؤسسة',
    'audit.actions.fieldwork.organisation-deleted': 'حذف مؤسسة من السجل الميداني',
    'audit.sentences.fieldwork.shared':
      'شارك {{ actor }} مؤسسة من سجله الميداني ({{ territory }}) مع {{ subject }}.',
    'audit.sentences.fieldwork.unshared':
      'أوقف {{ actor }} مشاركة مؤسسة من سجله الميداني ({{ territory }}) مع {{ subject }}.',
    'audit.sentences.fieldwork.organisation-deleted':
      'حذف {{ actor }} مؤسسة من السجل الميداني لـ{{ subject }} ({{ territory }}).',
    'audit.action': 'الإجراء',
    'audit.actions.account.disabled': 'تعطيل حساب',
    'audit.actions.account.enabled': 'تفعيل حساب',
    'audit.actions.account.locked': 'حظر تسجيل الدخول',
    'audit.actions.account.unlocked': 'رفع حظر تسجيل الدخول',
    'audit.actions.audit.exported': 'تصدير سجل التدقيق',
    'audit.actions.certificate.reissued': 'إعادة إصدار شهادة',
    'audit.actions.practice.reviewed': 'مراجعة مهمة تطبيقية',
    'audit.actions.announcement.deleted': 'حذف إعلان',
    'audit.actions.thread.post-hidden': 'إخفاء رسالة في نقاش',
    'audit.actions.thread.post-shown': 'إعادة إظهار رسالة في نقاش',
    'audit.actions.thread.locked': 'قفل نقاش',
    'audit.actions.thread.unlocked': 'إعادة فتح نقاش',
    'audit.sentences.thread.post-hidden': 'إخفاء رسالة من نقاش في فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.thread.post-shown':
      'إعادة إظهار رسالة مخفية من نقاش في فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.thread.locked': 'قفل نقاش في فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.thread.unlocked': 'إعادة فتح نقاش في فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.actions.job.retried': 'إعادة تشغيل مهمة فاشلة',
    'audit.sentences.job.retried': 'إعادة تشغيل المهمة الفاشلة {{ subject }}، من طرف {{ actor }}.',
    'audit.subjects.job': 'مهمة في الخلفية',
    'audit.actions.certificate.revoked': 'إلغاء شهادة',
    'audit.actions.cohort.created': 'إنشاء فوج',
    'audit.actions.cohort.csv-imported': 'استيراد CSV في فوج',
    'audit.actions.cohort.invitation-resent': 'إعادة إرسال دعوة',
    'audit.actions.cohort.invitations-resent': 'إعادة إرسال دعوات',
    'audit.actions.cohort.nudged': 'تذكير مدرّبين متأخرين',
    'audit.actions.cohort.invited': 'إضافة أشخاص إلى فوج عبر البريد الإلكتروني',
    'audit.actions.cohort.join-code-changed': 'تغيير رمز انضمام فوج',
    'audit.actions.cohort.roster-exported': 'تصدير قائمة فوج',
    'audit.actions.cohort.version-changed': 'نقل فوج إلى نسخة أخرى',
    'audit.actions.course.published': 'نشر نسخة من دورة',
    'audit.actions.course.duplicated': 'نسخ دورة',
    'audit.actions.observatory.exported': 'تصدير من المرصد',
    'audit.actions.role.changed': 'تغيير دور',
    'audit.actions.role.granted': 'منح دور',
    'audit.actions.role.revoked': 'سحب دور',
    'audit.actions.territory.created': 'إنشاء مجال ترابي',
    'audit.actions.territory.moved': 'نقل مجال ترابي',
    'audit.actions.territory.updated': 'تعديل مجال ترابي',
    'audit.actor': 'المنفّذ (الاسم أو البريد الإلكتروني)',
    'audit.export.csv': 'تصدير CSV',
    'audit.export.filters': 'عوامل التصفية',
    'audit.export.generated': 'أُنتج في',
    'audit.export.noFilter': 'لا شيء',
    'audit.export.reason': 'السبب',
    'audit.export.sentence': 'الوصف',
    'audit.export.sheet': 'السجل',
    'audit.export.subject': 'الاسم',
    'audit.export.territory': 'المجال الترابي',
    'audit.export.timeZone': 'بتوقيت المغرب',
    'audit.export.truncated': 'لا يتضمن هذا الملف إلا أحدث {{ max }} إدخال: ضيّق عوامل التصفية لرؤية البقية.',
    'audit.export.when': 'التاريخ',
    'audit.export.xlsx': 'تصدير Excel',
    'audit.extras.viaEnrolment': '(التسجيل في فوج «{{ cohort }}»)',
    'audit.extras.viaInvitation': '(عن طريق دعوة)',
    'audit.fields.code': 'الرمز من {{ previousCode }} إلى {{ code }}',
    'audit.fields.name.ar': 'الاسم بالعربية',
    'audit.fields.name.en': 'الاسم بالإنجليزية',
    'audit.fields.name.fr': 'الاسم بالفرنسية',
    'audit.from': 'من',
    'audit.none': '—',
    'audit.platform': 'المنصة',
    'audit.sentences.account.disabled': 'تعطيل حساب {{ subject }}، من طرف {{ actor }}.',
    'audit.sentences.account.enabled': 'إعادة تفعيل حساب {{ subject }}، من طرف {{ actor }}.',
    'audit.sentences.account.locked':
      'حظر تسجيل دخول {{ subject }} لمدة {{ minutes }} دقيقة بعد {{ failures }} محاولات بكلمة مرور خاطئة.',
    'audit.sentences.account.unlocked':
      'رفع حظر تسجيل دخول {{ subject }} ومحو المحاولات الفاشلة، من طرف {{ actor }}.',
    'audit.sentences.audit.exported':
      'تصدير سجل التدقيق ({{ format }}، {{ rows }} إدخال)، من طرف {{ actor }}.',
    'audit.sentences.certificate.reissued':
      'إعادة إصدار الشهادة {{ subject }} (فوج «{{ cohort }}»)، من طرف {{ actor }}.',
    'audit.sentences.practice.reviewed':
      'مراجعة تسليم مهمة تطبيقية في فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.announcement.deleted': 'حذف إعلان من فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.certificate.revoked':
      'إلغاء الشهادة {{ subject }} (فوج «{{ cohort }}»)، من طرف {{ actor }}.',
    'audit.sentences.cohort.created':
      'إنشاء فوج «{{ subject }}» ({{ course }}، النسخة {{ version }}) في {{ territory }}، من طرف {{ actor }}.',
    'audit.sentences.cohort.csv-imported':
      'استيراد ملف CSV من {{ rows }} سطر في فوج «{{ subject }}»: {{ enrolled }} مسجَّل، {{ invitations }} مدعو، من طرف {{ actor }}.',
    'audit.sentences.cohort.invitation-resent':
      'إعادة إرسال دعوة للانضمام إلى فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.cohort.invitations-resent':
      'إعادة إرسال {{ count }} دعوة للانضمام إلى فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.cohort.nudged':
      'تذكير {{ count }} من المدرّبين في فوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.cohort.invited':
      'إضافة أشخاص إلى فوج «{{ subject }}» عبر البريد الإلكتروني: {{ enrolled }} مسجَّل، {{ invitations }} مدعو، من طرف {{ actor }}.',
    'audit.sentences.cohort.join-code-changed':
      'إصدار رمز انضمام جديد لفوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.cohort.join-code-removed': 'حذف رمز الانضمام لفوج «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.cohort.roster-exported':
      'تصدير قائمة فوج «{{ subject }}» ({{ format }}، {{ rows }} سطر)، من طرف {{ actor }}.',
    'audit.sentences.cohort.version-changed':
      'نقل فوج «{{ subject }}» من النسخة {{ previousVersion }} إلى النسخة {{ version }}، من طرف {{ actor }}.',
    'audit.sentences.course.duplicated':
      'نسخ الدورة «{{ course }}» في مسودة جديدة، «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.course.published':
      'نشر النسخة {{ version }} من دورة «{{ subject }}»، من طرف {{ actor }}.',
    'audit.sentences.observatory.exported':
      'تصدير جدول «{{ table }}» من المرصد لـ{{ subject }} ({{ format }})، من طرف {{ actor }}.',
    'audit.sentences.role.changed':
      'تغيير دور {{ subject }} من «{{ previousRole }}» في {{ previousTerritory }} إلى «{{ role }}» في {{ territory }}، من طرف {{ actor }}.',
    'audit.sentences.role.granted':
      'منح {{ subject }} دور «{{ role }}» في {{ territory }}، من طرف {{ actor }}.',
    'audit.sentences.role.revoked':
      'سحب دور «{{ role }}» في {{ territory }} من {{ subject }}، من طرف {{ actor }}.',
    'audit.sentences.territory.created':
      'إنشاء المجال الترابي «{{ subject }}» ({{ level }}) ضمن {{ parent }}، من طرف {{ actor }}.',
    'audit.sentences.territory.moved':
      'نقل المجال الترابي «{{ subject }}» من {{ previousParent }} إلى {{ parent }}، من طرف {{ actor }}.',
    'audit.sentences.territory.updated':
      'تعديل المجال الترابي «{{ subject }}»: {{ changed }}، من طرف {{ actor }}.',
    'audit.subjectType': 'الموضوع',
    'audit.subjects.certificate': 'شهادة',
    'audit.subjects.cohort': 'فوج',
    'audit.subjects.course': 'دورة',
    'audit.subjects.territory': 'مجال ترابي',
    'audit.subjects.user': 'حساب',
    'audit.tables.competences': 'كفايات DigComp',
    'audit.tables.completion': 'مسار المدربين',
    'audit.title': 'سجل التدقيق',
    'audit.to': 'إلى',
    'audit.unnamed': '#{{ id }}',
    'roles.admin': 'مسؤول(ة)',
    'roles.coach': 'مدرِّب(ة) ترابي(ة)',
    'roles.observer': 'ملاحِظ(ة)',
    'roles.trainer': 'مكوِّن(ة)',
    'territories.level.commune': 'الجماعة',
    'territories.level.country': 'البلد',
    'territories.level.province': 'الإقليم',
    'territories.level.region': 'الجهة',
    'territories.level.root': 'الكل',
  },
  en: {
    'audit.actions.fieldwork.shared': 'Organisation shared between coaches',
    'audit.actions.privacy.erasure-requested': 'Erasure of own data requested',
    'audit.sentences.privacy.erasure-requested': '{{ actor }} asked for their data to be erased.',
    'audit.actions.privacy.erased': 'Person erased',
    'audit.actions.privacy.retention-run': 'Retention periods applied',
    'audit.sentences.privacy.retention-run':
      '{{ actor }} applied the retention periods: {{ count }} rows deleted or anonymised.',
    'audit.actions.privacy.retention-anonymised': 'Inactive account anonymised',
    'audit.sentences.privacy.retention-anonymised':
      '{{ actor }} anonymised an account left inactive after its warning ({{ subject }}).',
    'audit.sentences.privacy.erased': '{{ actor }} erased the personal data of a person ({{ subject }}).',
    'audit.actions.privacy.export-requested': 'Copy of own data requested',
    'audit.sentences.privacy.export-requested': '{{ actor }} asked for an archive of their data.',
    'audit.actions.privacy.export-downloaded': 'Copy of own data downloaded',
    'audit.sentences.privacy.export-downloaded': '{{ actor }} downloaded the archive of their data.',
    'audit.actions.fieldwork.unshared': 'Organisation no longer shared',
    'audit.actions.fieldwork.organisation-deleted': 'Organisation deleted from a field log',
    'audit.sentences.fieldwork.shared':
      '{{ actor }} shared an organisation of their field log ({{ territory }}) with {{ subject }}.',
    'audit.sentences.fieldwork.unshared':
      '{{ actor }} stopped sharing an organisation of their field log ({{ territory }}) with {{ subject }}.',
    'audit.sentences.fieldwork.organisation-deleted':
      '{{ actor }} deleted an organisation from the field log of {{ subject }} ({{ territory }}).',
    'audit.action': 'Action',
    'audit.actions.account.disabled': 'Account disabled',
    'audit.actions.account.enabled': 'Account enabled',
    'audit.actions.account.locked': 'Sign-in locked',
    'audit.actions.account.unlocked': 'Sign-in unlocked',
    'audit.actions.audit.exported': 'Audit log exported',
    'audit.actions.certificate.reissued': 'Certificate re-issued',
    'audit.actions.practice.reviewed': 'Practical task reviewed',
    'audit.actions.announcement.deleted': 'Announcement deleted',
    'audit.actions.thread.post-hidden': 'Post hidden in a thread',
    'audit.actions.thread.post-shown': 'Post shown again in a thread',
    'audit.actions.thread.locked': 'Thread locked',
    'audit.actions.thread.unlocked': 'Thread unlocked',
    'audit.sentences.thread.post-hidden': '{{ actor }} hid a post of a thread in cohort “{{ subject }}”.',
    'audit.sentences.thread.post-shown':
      '{{ actor }} showed a hidden post again, in a thread of cohort “{{ subject }}”.',
    'audit.sentences.thread.locked': '{{ actor }} locked a thread in cohort “{{ subject }}”.',
    'audit.sentences.thread.unlocked': '{{ actor }} unlocked a thread in cohort “{{ subject }}”.',
    'audit.actions.job.retried': 'Failed job retried',
    'audit.sentences.job.retried': '{{ actor }} retried the failed job {{ subject }}.',
    'audit.subjects.job': 'Background job',
    'audit.actions.certificate.revoked': 'Certificate revoked',
    'audit.actions.cohort.created': 'Cohort created',
    'audit.actions.cohort.csv-imported': 'CSV imported into a cohort',
    'audit.actions.cohort.invitation-resent': 'Invitation re-sent',
    'audit.actions.cohort.invitations-resent': 'Invitations re-sent',
    'audit.actions.cohort.nudged': 'Late coaches nudged',
    'audit.actions.cohort.invited': 'People added to a cohort by e-mail',
    'audit.actions.cohort.join-code-changed': 'Cohort join code changed',
    'audit.actions.cohort.roster-exported': 'Cohort roster exported',
    'audit.actions.cohort.version-changed': 'Cohort moved to another version',
    'audit.actions.course.published': 'Course version published',
    'audit.actions.course.duplicated': 'Course duplicated',
    'audit.actions.observatory.exported': 'Observatory export',
    'audit.actions.role.changed': 'Role changed',
    'audit.actions.role.granted': 'Role granted',
    'audit.actions.role.revoked': 'Role revoked',
    'audit.actions.territory.created': 'Territory created',
    'audit.actions.territory.moved': 'Territory moved',
    'audit.actions.territory.updated': 'Territory changed',
    'audit.actor': 'Author (name or e-mail)',
    'audit.export.csv': 'Export as CSV',
    'audit.export.filters': 'Filters',
    'audit.export.generated': 'Generated',
    'audit.export.noFilter': 'none',
    'audit.export.reason': 'Reason',
    'audit.export.sentence': 'Description',
    'audit.export.sheet': 'Log',
    'audit.export.subject': 'Name',
    'audit.export.territory': 'Territory',
    'audit.export.timeZone': 'Morocco time',
    'audit.export.truncated':
      'Only the {{ max }} most recent entries are in this file: narrow the filters to see the others.',
    'audit.export.when': 'Date',
    'audit.export.xlsx': 'Export as Excel',
    'audit.extras.viaEnrolment': '(enrolment in the cohort “{{ cohort }}”)',
    'audit.extras.viaInvitation': '(by invitation)',
    'audit.fields.code': 'code {{ previousCode }} → {{ code }}',
    'audit.fields.name.ar': 'Arabic name',
    'audit.fields.name.en': 'English name',
    'audit.fields.name.fr': 'French name',
    'audit.from': 'From',
    'audit.none': '—',
    'audit.platform': 'The platform',
    'audit.sentences.account.disabled': '{{ actor }} disabled the account of {{ subject }}.',
    'audit.sentences.account.enabled': '{{ actor }} re-enabled the account of {{ subject }}.',
    'audit.sentences.account.locked':
      'Sign-in of {{ subject }} locked for {{ minutes }} min after {{ failures }} wrong passwords.',
    'audit.sentences.account.unlocked':
      '{{ actor }} unlocked the sign-in of {{ subject }} and cleared the failed attempts.',
    'audit.sentences.audit.exported':
      '{{ actor }} exported the audit log ({{ format }}, {{ rows }} entries).',
    'audit.sentences.certificate.reissued':
      '{{ actor }} re-issued the certificate {{ subject }} (cohort “{{ cohort }}”).',
    'audit.sentences.practice.reviewed':
      '{{ actor }} reviewed a practical task hand-in in cohort “{{ subject }}”.',
    'audit.sentences.announcement.deleted': '{{ actor }} deleted an announcement of cohort “{{ subject }}”.',
    'audit.sentences.certificate.revoked':
      '{{ actor }} revoked the certificate {{ subject }} (cohort “{{ cohort }}”).',
    'audit.sentences.cohort.created':
      '{{ actor }} created the cohort “{{ subject }}” ({{ course }}, version {{ version }}) in {{ territory }}.',
    'audit.sentences.cohort.csv-imported':
      '{{ actor }} imported a CSV file of {{ rows }} row(s) into the cohort “{{ subject }}”: {{ enrolled }} enrolled, {{ invitations }} invited.',
    'audit.sentences.cohort.invitation-resent':
      '{{ actor }} re-sent an invitation to join the cohort “{{ subject }}”.',
    'audit.sentences.cohort.invitations-resent':
      '{{ actor }} re-sent {{ count }} invitation(s) to join the cohort “{{ subject }}”.',
    'audit.sentences.cohort.nudged':
      '{{ actor }} nudged {{ count }} coach(es) of the cohort “{{ subject }}”.',
    'audit.sentences.cohort.invited':
      '{{ actor }} added people to the cohort “{{ subject }}” by e-mail: {{ enrolled }} enrolled, {{ invitations }} invited.',
    'audit.sentences.cohort.join-code-changed':
      '{{ actor }} issued a new join code for the cohort “{{ subject }}”.',
    'audit.sentences.cohort.join-code-removed':
      '{{ actor }} removed the join code of the cohort “{{ subject }}”.',
    'audit.sentences.cohort.roster-exported':
      '{{ actor }} exported the roster of the cohort “{{ subject }}” ({{ format }}, {{ rows }} row(s)).',
    'audit.sentences.cohort.version-changed':
      '{{ actor }} moved the cohort “{{ subject }}” from version {{ previousVersion }} to version {{ version }}.',
    'audit.sentences.course.duplicated':
      '{{ actor }} duplicated the course “{{ course }}” into a new draft, “{{ subject }}”.',
    'audit.sentences.course.published':
      '{{ actor }} published version {{ version }} of the course “{{ subject }}”.',
    'audit.sentences.observatory.exported':
      '{{ actor }} exported the observatory table “{{ table }}” for {{ subject }} ({{ format }}).',
    'audit.sentences.role.changed':
      '{{ actor }} changed the role of {{ subject }} from “{{ previousRole }}” in {{ previousTerritory }} to “{{ role }}” in {{ territory }}.',
    'audit.sentences.role.granted':
      '{{ actor }} granted {{ subject }} the role “{{ role }}” in {{ territory }}.',
    'audit.sentences.role.revoked':
      '{{ actor }} revoked the role “{{ role }}” in {{ territory }} from {{ subject }}.',
    'audit.sentences.territory.created':
      '{{ actor }} created the territory “{{ subject }}” ({{ level }}) under {{ parent }}.',
    'audit.sentences.territory.moved':
      '{{ actor }} moved the territory “{{ subject }}” from {{ previousParent }} to {{ parent }}.',
    'audit.sentences.territory.updated': '{{ actor }} changed the territory “{{ subject }}”: {{ changed }}.',
    'audit.subjectType': 'Subject',
    'audit.subjects.certificate': 'Certificate',
    'audit.subjects.cohort': 'Cohort',
    'audit.subjects.course': 'Course',
    'audit.subjects.territory': 'Territory',
    'audit.subjects.user': 'Account',
    'audit.tables.competences': 'DigComp competences',
    'audit.tables.completion': 'Coaches’ progress',
    'audit.title': 'Audit log',
    'audit.to': 'To',
    'audit.unnamed': '#{{ id }}',
    'roles.admin': 'Administrator',
    'roles.coach': 'Coach',
    'roles.observer': 'Observer',
    'roles.trainer': 'Trainer',
    'territories.level.commune': 'Commune',
    'territories.level.country': 'Country',
    'territories.level.province': 'Province',
    'territories.level.region': 'Region',
    'territories.level.root': 'All',
  },
};
