<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_MA">
<context>
    <name>Access</name>
    <message>
        <location filename="../../ui/access.py" line="111"/>
        <source>&amp;Lock</source>
        <translation>قفل (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="114"/>
        <source>Sign o&amp;ut</source>
        <translation>تسجيل الخروج (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="237"/>
        <source>%1 can no longer work here (disabled or removed): sign in again.</source>
        <translation>لم يعد بإمكان %1 العمل هنا (معطّل أو محذوف): سجّل الدخول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="277"/>
        <source>Signed in: %1 (%2)</source>
        <translation>مسجّل الدخول: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="282"/>
        <source>Locked</source>
        <translation>مقفل</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="284"/>
        <source>Nobody signed in</source>
        <translation>لا أحد مسجّل الدخول</translation>
    </message>
</context>
<context>
    <name>AddOperatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="113"/>
        <source>Add an operator</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="122"/>
        <source>the username if empty</source>
        <translation>اسم المستخدم إن كان فارغًا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="131"/>
        <source>4 to 6 digits, optional</source>
        <translation>من 4 إلى 6 أرقام، اختياري</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="132"/>
        <source>&amp;Username</source>
        <translation>اسم المستخدم (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="133"/>
        <source>&amp;Name shown</source>
        <translation>الاسم الظاهر (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="134"/>
        <source>&amp;Role</source>
        <translation>الدور (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="137"/>
        <source>P&amp;IN</source>
        <translation>الرمز السري (&amp;I)</translation>
    </message>
</context>
<context>
    <name>AnonymiseConfirmation</name>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="41"/>
        <source>Anonymise a client</source>
        <translation>إخفاء هوية زبون</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="44"/>
        <source>Anonymise %1 (%2)?</source>
        <translation>إخفاء هوية %1 (%2)؟</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="50"/>
        <source>Their name, phone, e-mail and address are replaced for good, and so are the shipping addresses of their orders and the text of their notes. Their orders, totals and figures stay. This cannot be undone.</source>
        <translation>يُستبدل اسمه وهاتفه وبريده الإلكتروني وعنوانه نهائيًا، وكذلك عناوين توصيل طلبياته ونص ملاحظاته. تبقى طلبياته ومجاميعه وأرقامه. لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="55"/>
        <source>Anonymise for good</source>
        <translation>إخفاء الهوية نهائيًا</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/widgets/approval.py" line="43"/>
        <source>A manager&apos;s approval</source>
        <translation>موافقة المسيّر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="47"/>
        <source>To %1, a manager approves: the manager types their username and PIN.</source>
        <translation>لـ%1، يوافق مسيّر: يكتب المسيّر اسم المستخدم الخاص به ورمزه السري.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="66"/>
        <source>&amp;Manager</source>
        <translation>المسيّر (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="67"/>
        <source>P&amp;IN</source>
        <translation>الرمز السري (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="69"/>
        <source>&amp;Approve</source>
        <translation>موافقة (&amp;A)</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="55"/>
        <source>Audit trail</source>
        <translation>سجل التتبع</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="68"/>
        <source>All operators</source>
        <translation>كل المستخدمين</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="73"/>
        <source>All kinds</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="76"/>
        <source>&amp;Show</source>
        <translation>عرض (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="80"/>
        <source>&amp;Operator</source>
        <translation>المستخدم (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="83"/>
        <source>&amp;until</source>
        <translation>إلى (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="87"/>
        <source>&amp;From</source>
        <translation>من (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="93"/>
        <source>&amp;Kind</source>
        <translation>النوع (&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="106"/>
        <source>Show &amp;more</source>
        <translation>عرض المزيد (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="108"/>
        <source>&amp;Export…</source>
        <translation>تصدير (&amp;E)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="191"/>
        <source>The %1 newest lines shown: Show more for older ones.</source>
        <translation>
            <numerusform>عُرض أحدث %1 سطر: «عرض المزيد» للأسطر الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 سطر: «عرض المزيد» للأسطر الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 سطرين: «عرض المزيد» للأسطر الأقدم.</numerusform>
            <numerusform>عُرضت أحدث %1 أسطر: «عرض المزيد» للأسطر الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 سطرًا: «عرض المزيد» للأسطر الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 سطر: «عرض المزيد» للأسطر الأقدم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="193"/>
        <source>%1 lines.</source>
        <translation>
            <numerusform>%1 سطر.</numerusform>
            <numerusform>%1 سطر.</numerusform>
            <numerusform>%1 سطران.</numerusform>
            <numerusform>%1 أسطر.</numerusform>
            <numerusform>%1 سطرًا.</numerusform>
            <numerusform>%1 سطر.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="202"/>
        <source>Export the audit trail shown</source>
        <translation>تصدير سجل التتبع المعروض</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="202"/>
        <source>audit</source>
        <translation>audit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="212"/>
        <source>Audit</source>
        <translation>سجل التتبع</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="232"/>
        <source>%1 lines exported to %2</source>
        <translation>
            <numerusform>صُدّر %1 سطر إلى %2</numerusform>
            <numerusform>صُدّر %1 سطر إلى %2</numerusform>
            <numerusform>صُدّر %1 سطران إلى %2</numerusform>
            <numerusform>صُدّرت %1 أسطر إلى %2</numerusform>
            <numerusform>صُدّر %1 سطرًا إلى %2</numerusform>
            <numerusform>صُدّر %1 سطر إلى %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="241"/>
        <source>Export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="246"/>
        <source>Export cancelled: no file was written.</source>
        <translation>أُلغي التصدير: لم يُكتب أي ملف.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/models/audit.py" line="53"/>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="54"/>
        <source>Operator</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="55"/>
        <source>Workstation</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="56"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="57"/>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="58"/>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="59"/>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="60"/>
        <source>After</source>
        <translation>بعد</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="61"/>
        <source>Approved by</source>
        <translation>بموافقة</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="62"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>BackupKeeper</name>
    <message>
        <location filename="../../ui/runtime/backups.py" line="76"/>
        <source>GESTCO is still checking the database file.</source>
        <translation>لا يزال GESTCO يفحص ملف قاعدة البيانات.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="118"/>
        <source>Backing up the database…</source>
        <translation>جارٍ نسخ قاعدة البيانات احتياطيًا…</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="121"/>
        <source>Backup</source>
        <translation>نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="124"/>
        <source>Backup written and checked: %1</source>
        <translation>كُتبت النسخة الاحتياطية وفُحصت: %1</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="132"/>
        <source>Backing up before closing…</source>
        <translation>جارٍ النسخ الاحتياطي قبل الإغلاق…</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="141"/>
        <source>GESTCO backups (*.sqlite3)</source>
        <translation>نسخ GESTCO الاحتياطية (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="143"/>
        <source>Server backups (*.dump)</source>
        <translation>نسخ الخادم الاحتياطية (*.dump)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="146"/>
        <location filename="../../ui/runtime/backups.py" line="171"/>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="152"/>
        <source>Replace the current database with the backup %1? The current file is kept beside it, renamed.</source>
        <translation>استبدال قاعدة البيانات الحالية بالنسخة الاحتياطية %1؟ يُحتفظ بالملف الحالي بجانبها بعد إعادة تسميته.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="157"/>
        <source>Replace the server&apos;s data with the backup %1? The current data is dumped beside it first. Other workstations should be closed meanwhile.</source>
        <translation>استبدال بيانات الخادم بالنسخة الاحتياطية %1؟ تُفرغ البيانات الحالية بجانبها أولًا. ينبغي إغلاق الأجهزة الأخرى في الأثناء.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="185"/>
        <source>Restoring…</source>
        <translation>جارٍ الاستعادة…</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="193"/>
        <source>Restore</source>
        <translation>استعادة</translation>
    </message>
</context>
<context>
    <name>ClientBalanceLabel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/client_balance.py" line="25"/>
        <source>Balance due %1 over %n orders</source>
        <translation>
            <numerusform>الباقي للأداء %1 على ⁦%n⁩ طلبية</numerusform>
            <numerusform>الباقي للأداء %1 على ⁦%n⁩ طلبية</numerusform>
            <numerusform>الباقي للأداء %1 على ⁦%n⁩ طلبيتين</numerusform>
            <numerusform>الباقي للأداء %1 على ⁦%n⁩ طلبيات</numerusform>
            <numerusform>الباقي للأداء %1 على ⁦%n⁩ طلبية</numerusform>
            <numerusform>الباقي للأداء %1 على ⁦%n⁩ طلبية</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_balance.py" line="28"/>
        <source>Nothing due</source>
        <translation>لا شيء مستحق</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_balance.py" line="30"/>
        <source>%1 to refund</source>
        <translation>%1 للإرجاع</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="48"/>
        <source>Client details</source>
        <translation>معلومات الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="54"/>
        <source>&amp;Phone</source>
        <translation>الهاتف (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="55"/>
        <source>First na&amp;me</source>
        <translation>الاسم الشخصي (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="56"/>
        <source>&amp;Last name</source>
        <translation>الاسم العائلي (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="57"/>
        <source>&amp;E-mail</source>
        <translation>البريد الإلكتروني (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="58"/>
        <source>&amp;Address</source>
        <translation>العنوان (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="59"/>
        <source>Postal &amp;code</source>
        <translation>الرمز البريدي (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="60"/>
        <source>Cit&amp;y</source>
        <translation>المدينة (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="61"/>
        <source>Co&amp;untry</source>
        <translation>البلد (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="91"/>
        <source>Remar&amp;ks</source>
        <translation>ملاحظات (&amp;K)</translation>
    </message>
</context>
<context>
    <name>ClientRelationship</name>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="43"/>
        <source>Export this client&apos;s data…</source>
        <translation>تصدير بيانات هذا الزبون…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="45"/>
        <source>Anonymise…</source>
        <translation>إخفاء الهوية…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="48"/>
        <source>Data rights (law 09-08, GDPR):</source>
        <translation>حقوق البيانات (القانون ⁦09-08⁩، GDPR):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="114"/>
        <source>Written to %1.</source>
        <translation>كُتب في %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="131"/>
        <source>The client was anonymised.</source>
        <translation>أُخفيت هوية الزبون.</translation>
    </message>
</context>
<context>
    <name>ClientTags</name>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="95"/>
        <source>VIP, grossiste… Return adds</source>
        <translation>VIP، بالجملة… Return يضيف</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="101"/>
        <source>Ta&amp;gs:</source>
        <translation>الوسوم (&amp;G):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="105"/>
        <source>Su&amp;bscribed to offers (marketing consent)</source>
        <translation>مشترك في العروض (موافقة تسويقية) (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="155"/>
        <source>never asked</source>
        <translation>لم يُسأل قط</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="157"/>
        <source>given on %1</source>
        <translation>أُعطيت في %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="159"/>
        <source>withdrawn on %1</source>
        <translation>سُحبت في %1</translation>
    </message>
</context>
<context>
    <name>ClientTimeline</name>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="47"/>
        <source>“Called: wants the delivery on Tuesday” · Ctrl+Return adds it</source>
        <translation>«اتصل: يريد التوصيل يوم الثلاثاء» · Ctrl+Return يضيفها</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="52"/>
        <source>&amp;Write a note:</source>
        <translation>اكتب ملاحظة (&amp;W):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="54"/>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="56"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="63"/>
        <source>No note yet.</source>
        <translation>لا توجد ملاحظة بعد.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="116"/>
        <source>(erased: the client was anonymised)</source>
        <translation>(محذوفة: أُخفيت هوية الزبون)</translation>
    </message>
</context>
<context>
    <name>ClientsExport</name>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="34"/>
        <source>E&amp;xport clients…</source>
        <translation>تصدير الزبناء (&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="51"/>
        <source>Export the clients</source>
        <translation>تصدير الزبناء</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="51"/>
        <source>clients</source>
        <translation>clients</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="62"/>
        <source>Clients</source>
        <translation>الزبناء</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/clients_export.py" line="83"/>
        <source>%1 clients exported to %2</source>
        <translation>
            <numerusform>صُدّر %1 زبون إلى %2</numerusform>
            <numerusform>صُدّر %1 زبون إلى %2</numerusform>
            <numerusform>صُدّر %1 زبونان إلى %2</numerusform>
            <numerusform>صُدّر %1 زبناء إلى %2</numerusform>
            <numerusform>صُدّر %1 زبونًا إلى %2</numerusform>
            <numerusform>صُدّر %1 زبون إلى %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="92"/>
        <source>Export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="97"/>
        <source>Export cancelled: no file was written.</source>
        <translation>أُلغي التصدير: لم يُكتب أي ملف.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="39"/>
        <source>Database connection</source>
        <translation>الاتصال بقاعدة البيانات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="42"/>
        <source>This computer&apos;s own &amp;file</source>
        <translation>ملف هذا الحاسوب (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="44"/>
        <source>The shop&apos;s PostgreSQL &amp;server</source>
        <translation>خادم PostgreSQL الخاص بالمتجر (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="64"/>
        <source>(unchanged)</source>
        <translation>(بدون تغيير)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="70"/>
        <source>The password is kept in this computer&apos;s keyring, never in a file.</source>
        <translation>تُحفظ كلمة المرور في حافظة مفاتيح هذا الحاسوب، وليس في ملف أبدًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="73"/>
        <source>This computer has no keyring: the password is not stored, GESTCO asks for it at each start.</source>
        <translation>لا توجد حافظة مفاتيح في هذا الحاسوب: لا تُحفظ كلمة المرور، ويطلبها GESTCO عند كل تشغيل.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="77"/>
        <source>&amp;Test the connection</source>
        <translation>اختبار الاتصال (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="81"/>
        <source>&amp;Copy this computer&apos;s data to the server…</source>
        <translation>نسخ بيانات هذا الحاسوب إلى الخادم (&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="84"/>
        <source>For the first workstation moving to a new, empty server database.</source>
        <translation>لأول جهاز ينتقل إلى قاعدة بيانات خادم جديدة وفارغة.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="95"/>
        <source>Ser&amp;ver</source>
        <translation>الخادم (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="96"/>
        <source>&amp;Port</source>
        <translation>المنفذ (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="97"/>
        <source>&amp;Database</source>
        <translation>قاعدة البيانات (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="98"/>
        <source>&amp;User</source>
        <translation>المستخدم (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="99"/>
        <source>Pass&amp;word</source>
        <translation>كلمة المرور (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="116"/>
        <source>The new connection is used from GESTCO&apos;s next start.</source>
        <translation>يُستعمل الاتصال الجديد ابتداءً من التشغيل القادم لـGESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="177"/>
        <source>Connecting to %1…</source>
        <translation>جارٍ الاتصال بـ%1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="185"/>
        <source>Connected: the shop&apos;s GESTCO database is there.</source>
        <translation>متصل: قاعدة بيانات GESTCO الخاصة بالمتجر موجودة.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="187"/>
        <source>Connected: an empty database, GESTCO sets it up at its first start.</source>
        <translation>متصل: قاعدة بيانات فارغة، يهيئها GESTCO عند أول تشغيل.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="205"/>
        <source>Copy every client, order and stock movement of this computer into the server database %1, then check the copy? This computer&apos;s file stays as it was.</source>
        <translation>نسخ كل زبون وطلبية وحركة مخزون من هذا الحاسوب إلى قاعدة بيانات الخادم %1، ثم فحص النسخة؟ يبقى ملف هذا الحاسوب كما هو.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="214"/>
        <source>Copying this computer&apos;s data to %1…</source>
        <translation>جارٍ نسخ بيانات هذا الحاسوب إلى %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="224"/>
        <source>Copied and checked: the server holds this computer&apos;s data. Save to use it from the next start.</source>
        <translation>نُسخت وفُحصت: الخادم يحتوي على بيانات هذا الحاسوب. احفظ لاستعمالها من التشغيل القادم.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="236"/>
        <source>The connection test failed. Save these settings anyway?</source>
        <translation>فشل اختبار الاتصال. حفظ هذه الإعدادات رغم ذلك؟</translation>
    </message>
</context>
<context>
    <name>CreditNoteDialog</name>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="35"/>
        <source>Credit note for %1</source>
        <translation>إشعار دائن لـ%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="40"/>
        <source>&amp;Whole invoice (all that is left to credit)</source>
        <translation>الفاتورة كاملة (كل ما تبقى للإرجاع) (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="43"/>
        <source>Units to credit, line by line</source>
        <translation>الوحدات المراد إرجاعها، سطرًا بسطر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="51"/>
        <source> of %1</source>
        <translation> من %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="55"/>
        <source>%1 — %2 (%3 × %4)</source>
        <translation>%1 — %2 (%3 × %4)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="68"/>
        <source>Returned goods, a price corrected…</source>
        <translation>سلع مُرجعة، ثمن مصحَّح…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="75"/>
        <source>&amp;Reason</source>
        <translation>السبب (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="84"/>
        <source>&amp;Issue the credit note</source>
        <translation>إصدار الإشعار الدائن (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="125"/>
        <source>Type the units to credit on at least one line.</source>
        <translation>اكتب الوحدات المراد إرجاعها في سطر واحد على الأقل.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="129"/>
        <source>Say why the invoice is corrected.</source>
        <translation>اذكر سبب تصحيح الفاتورة.</translation>
    </message>
</context>
<context>
    <name>DamagedFileDialog</name>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="36"/>
        <source>GESTCO — the database needs attention</source>
        <translation>GESTCO — قاعدة البيانات تحتاج إلى عناية</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="43"/>
        <source>Nothing was written to it. Restoring puts a copy of the newest good backup in its place and keeps the damaged file beside it, renamed.</source>
        <translation>لم يُكتب فيها شيء. تضع الاستعادة نسخة من أحدث نسخة احتياطية سليمة مكانها وتحتفظ بالملف التالف بجانبها بعد إعادة تسميته.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="48"/>
        <source>No good backup was found. Open another file, or quit and call for help: the damaged file was not changed.</source>
        <translation>لم يُعثر على أي نسخة احتياطية سليمة. افتح ملفًا آخر، أو اخرج واطلب المساعدة: لم يُغيَّر الملف التالف.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="56"/>
        <source>&amp;Restore the backup of %1</source>
        <translation>استعادة النسخة الاحتياطية لـ%1 (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="63"/>
        <source>&amp;Open another file…</source>
        <translation>فتح ملف آخر (&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="65"/>
        <source>&amp;Quit</source>
        <translation>خروج (&amp;Q)</translation>
    </message>
</context>
<context>
    <name>DashboardCards</name>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="38"/>
        <source>Revenue incl. tax</source>
        <translation>رقم المعاملات مع احتساب الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="44"/>
        <source>Revenue excl. tax</source>
        <translation>رقم المعاملات خارج الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="48"/>
        <source>Orders</source>
        <translation>الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="51"/>
        <source>Average basket</source>
        <translation>متوسط السلة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="57"/>
        <source>Items per order</source>
        <translation>عدد المواد في كل طلبية</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="63"/>
        <source>Cancellation rate</source>
        <translation>نسبة الإلغاء</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="117"/>
        <source>Balance due (every order)</source>
        <translation>الباقي للأداء (كل الطلبيات)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="161"/>
        <source>The period before (%1 – %2): %3</source>
        <translation>الفترة السابقة (%1 – %2): %3</translation>
    </message>
</context>
<context>
    <name>DashboardExports</name>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="52"/>
        <source>Export to CSV</source>
        <translation>تصدير إلى CSV</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="52"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="83"/>
        <location filename="../../ui/widgets/dashboard_exports.py" line="122"/>
        <source>Export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="88"/>
        <source>%1 exported to %2</source>
        <translation>%1: تم التصدير إلى %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="98"/>
        <source>dashboard</source>
        <translation>dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="102"/>
        <source>Save as PDF</source>
        <translation>حفظ بصيغة PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="104"/>
        <source>PDF documents (*.pdf)</source>
        <translation>وثائق PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="126"/>
        <source>Dashboard saved as %1.</source>
        <translation>تم حفظ لوحة القيادة في %1.</translation>
    </message>
</context>
<context>
    <name>DashboardReport</name>
    <message>
        <location filename="../../ui/widgets/dashboard_report.py" line="25"/>
        <source>Dashboard %1 – %2</source>
        <translation>لوحة القيادة %1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_report.py" line="34"/>
        <source>None.</source>
        <translation>لا شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_report.py" line="62"/>
        <source>Compared with the period before (%1 – %2). Revenue counts the orders that are not cancelled, on the day they were validated; money in %3.</source>
        <translation>مقارنة بالفترة السابقة (%1 – %2). يحتسب رقم المعاملات الطلبيات غير الملغاة، في يوم المصادقة عليها؛ المبالغ بـ %3.</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="106"/>
        <source>Save as P&amp;DF…</source>
        <translation>حفظ بصيغة PDF‏ (&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="118"/>
        <source>Revenue counts the orders that are not cancelled, on the day they were validated; each figure is compared with the period just before, of the same length. Orders by status: Return or a click opens them.</source>
        <translation>يحتسب رقم المعاملات الطلبيات غير الملغاة، في يوم المصادقة عليها؛ ويُقارَن كل رقم بالفترة السابقة مباشرة، بنفس المدة. الطلبيات حسب الحالة: زر Return أو نقرة يفتحها.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="209"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="210"/>
        <source>Export these figures to a CSV file</source>
        <translation>تصدير هذه الأرقام إلى ملف CSV</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="301"/>
        <source>Computing…</source>
        <translation>جارٍ الحساب…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="317"/>
        <source>The figures could not be computed: %1</source>
        <translation>تعذّر حساب الأرقام: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="340"/>
        <source>Sales per month</source>
        <translation>المبيعات حسب الشهر</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="340"/>
        <source>Sales per day</source>
        <translation>المبيعات حسب اليوم</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/dashboard.py" line="353"/>
        <location filename="../../ui/tabs/dashboard.py" line="368"/>
        <source>%1: %2 (%3 orders)</source>
        <translation>
            <numerusform>%1: %2 (عدد الطلبيات: %3)</numerusform>
            <numerusform>%1: %2 (عدد الطلبيات: %3)</numerusform>
            <numerusform>%1: %2 (عدد الطلبيات: %3)</numerusform>
            <numerusform>%1: %2 (عدد الطلبيات: %3)</numerusform>
            <numerusform>%1: %2 (عدد الطلبيات: %3)</numerusform>
            <numerusform>%1: %2 (عدد الطلبيات: %3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardTables</name>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="39"/>
        <source>Month</source>
        <translation>الشهر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="58"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="132"/>
        <source>SKU</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="59"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="133"/>
        <source>Product</source>
        <translation>المنتج</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="60"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="61"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="65"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="147"/>
        <source>Revenue incl. tax</source>
        <translation>رقم المعاملات مع احتساب الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="64"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="146"/>
        <source>Orders</source>
        <translation>الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="70"/>
        <source>Key figures</source>
        <translation>الأرقام الرئيسية</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="74"/>
        <source>Figure</source>
        <translation>المؤشر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="75"/>
        <source>This period</source>
        <translation>هذه الفترة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="76"/>
        <source>The period before</source>
        <translation>الفترة السابقة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="77"/>
        <source>Change</source>
        <translation>التطور</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="83"/>
        <source>Sales</source>
        <translation>المبيعات</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="85"/>
        <source>Day</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="90"/>
        <source>By channel</source>
        <translation>حسب القناة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="92"/>
        <source>Channel</source>
        <translation>القناة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="97"/>
        <source>By source</source>
        <translation>حسب المصدر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="99"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="104"/>
        <source>Orders by status</source>
        <translation>الطلبيات حسب الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="107"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="108"/>
        <source>Orders created</source>
        <translation>الطلبيات المنشأة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="114"/>
        <source>Best sellers by quantity</source>
        <translation>الأكثر مبيعاً حسب الكمية</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="121"/>
        <source>Best sellers by revenue</source>
        <translation>الأكثر مبيعاً حسب رقم المعاملات</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="128"/>
        <source>Low stock</source>
        <translation>مخزون منخفض</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="134"/>
        <source>Available</source>
        <translation>المتوفر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="135"/>
        <source>Reorder at</source>
        <translation>عتبة إعادة الطلب</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="141"/>
        <source>Per operator</source>
        <translation>حسب المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="145"/>
        <source>Operator</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="148"/>
        <source>Discounts</source>
        <translation>التخفيضات</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="149"/>
        <source>Cancelled</source>
        <translation>ملغاة</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="94"/>
        <source>en_GB</source>
        <translation>ar_MA</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="140"/>
        <source>dd/mm/yyyy</source>
        <translation>يوم/شهر/سنة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="143"/>
        <source>Type the date (20/12/2026, 20122026, 20/12) or Alt+↓; empty: no limit</source>
        <translation>اكتب التاريخ (⁦20/12/2026⁩، 20122026، ⁦20/12⁩) أو Alt+↓؛ فارغ: بدون حد</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="145"/>
        <source>Type the date (20/12/2026, 20122026, 20/12) or Alt+↓</source>
        <translation>اكتب التاريخ (⁦20/12/2026⁩، 20122026، ⁦20/12⁩) أو Alt+↓</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="150"/>
        <source>Open the calendar (Alt+↓)</source>
        <translation>فتح التقويم (Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="210"/>
        <source>This is not a date: type it as %1 (or %2, %3).</source>
        <translation>هذا ليس تاريخًا: اكتبه هكذا %1 (أو %2، %3).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="218"/>
        <source>%1 is past: choose %2 or later.</source>
        <translation>%1 قد مضى: اختر %2 أو بعده.</translation>
    </message>
</context>
<context>
    <name>DeliveryForm</name>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="28"/>
        <source>Delivery</source>
        <translation>التوصيل</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="44"/>
        <source>Shipping address: %1</source>
        <translation>عنوان التوصيل: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="47"/>
        <source>Remarks: %1</source>
        <translation>ملاحظات: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="54"/>
        <source>&amp;Channel</source>
        <translation>القناة (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="56"/>
        <source>Shipping &amp;date</source>
        <translation>تاريخ الإرسال (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="59"/>
        <source>Remar&amp;ks</source>
        <translation>ملاحظات (&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="62"/>
        <source>Shippin&amp;g address</source>
        <translation>عنوان التوصيل (&amp;G)</translation>
    </message>
</context>
<context>
    <name>DepositBox</name>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="25"/>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="30"/>
        <source>A deposit taken now (150,00), recorded with the order; empty: none</source>
        <translation>تسبيق يُقبض الآن (⁦150,00⁩)، يُسجَّل مع الطلبية؛ فارغ: لا شيء</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="33"/>
        <source>Down pa&amp;yment</source>
        <translation>التسبيق (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="35"/>
        <source>by</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="38"/>
        <location filename="../../ui/widgets/deposit_box.py" line="40"/>
        <location filename="../../ui/widgets/deposit_box.py" line="41"/>
        <source>Deposit: %1</source>
        <translation>التسبيق: %1</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="21"/>
        <source>R&amp;estore it</source>
        <translation>استرجاعها (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="23"/>
        <source>Discard</source>
        <translation>تجاهل</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="40"/>
        <source>Your order for %1 (%n lines) was kept while you were away.</source>
        <translation>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطر) حُفظت أثناء غيابك.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطر) حُفظت أثناء غيابك.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطران) حُفظت أثناء غيابك.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ أسطر) حُفظت أثناء غيابك.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطرًا) حُفظت أثناء غيابك.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطر) حُفظت أثناء غيابك.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="43"/>
        <source>Your order for %1 (%n lines) was put aside when you restored another one.</source>
        <translation>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطر) وُضعت جانبًا حين استرجعت طلبية أخرى.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطر) وُضعت جانبًا حين استرجعت طلبية أخرى.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطران) وُضعت جانبًا حين استرجعت طلبية أخرى.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ أسطر) وُضعت جانبًا حين استرجعت طلبية أخرى.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطرًا) وُضعت جانبًا حين استرجعت طلبية أخرى.</numerusform>
            <numerusform>طلبيتك لـ%1 (⁦%n⁩ سطر) وُضعت جانبًا حين استرجعت طلبية أخرى.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="49"/>
        <source>An order for %1 (%n lines) was being keyed when GESTCO stopped.</source>
        <translation>
            <numerusform>طلبية لـ%1 (⁦%n⁩ سطر) كانت قيد الإدخال حين توقف GESTCO.</numerusform>
            <numerusform>طلبية لـ%1 (⁦%n⁩ سطر) كانت قيد الإدخال حين توقف GESTCO.</numerusform>
            <numerusform>طلبية لـ%1 (⁦%n⁩ سطران) كانت قيد الإدخال حين توقف GESTCO.</numerusform>
            <numerusform>طلبية لـ%1 (⁦%n⁩ أسطر) كانت قيد الإدخال حين توقف GESTCO.</numerusform>
            <numerusform>طلبية لـ%1 (⁦%n⁩ سطرًا) كانت قيد الإدخال حين توقف GESTCO.</numerusform>
            <numerusform>طلبية لـ%1 (⁦%n⁩ سطر) كانت قيد الإدخال حين توقف GESTCO.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="53"/>
        <source>%n more unfinished orders wait after this one.</source>
        <translation>
            <numerusform>تنتظر بعد هذه ⁦%n⁩ طلبية أخرى غير منتهية.</numerusform>
            <numerusform>تنتظر بعد هذه ⁦%n⁩ طلبية أخرى غير منتهية.</numerusform>
            <numerusform>تنتظر بعد هذه ⁦%n⁩ طلبيتان أخريان غير منتهيتين.</numerusform>
            <numerusform>تنتظر بعد هذه ⁦%n⁩ طلبيات أخرى غير منتهية.</numerusform>
            <numerusform>تنتظر بعد هذه ⁦%n⁩ طلبية أخرى غير منتهية.</numerusform>
            <numerusform>تنتظر بعد هذه ⁦%n⁩ طلبية أخرى غير منتهية.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditOperatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="175"/>
        <source>Operator %1</source>
        <translation>المستخدم %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="179"/>
        <source>the username if empty</source>
        <translation>اسم المستخدم إن كان فارغًا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="181"/>
        <source>&amp;May sign in</source>
        <translation>يمكنه تسجيل الدخول (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="184"/>
        <source>&amp;Name shown</source>
        <translation>الاسم الظاهر (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="185"/>
        <source>&amp;Role</source>
        <translation>الدور (&amp;R)</translation>
    </message>
</context>
<context>
    <name>FirstAdminForm</name>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="29"/>
        <source>A new shop: create its administrator</source>
        <translation>متجر جديد: أنشئ مسؤول النظام</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="34"/>
        <source>The administrator chooses the database, restores backups and adds the other operators (counter clerks, managers) in Tools › Operators. Keep the password safe.</source>
        <translation>يختار مسؤول النظام قاعدة البيانات، ويستعيد النسخ الاحتياطية ويضيف المستخدمين الآخرين (موظفي الشباك، المسيّرين) في أدوات › المستخدمون. احتفظ بكلمة المرور في مكان آمن.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="54"/>
        <source>&amp;Create the administrator</source>
        <translation>إنشاء مسؤول النظام (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="59"/>
        <source>&amp;Username</source>
        <translation>اسم المستخدم (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="60"/>
        <source>&amp;Name shown</source>
        <translation>الاسم الظاهر (&amp;N)</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/models/history.py" line="63"/>
        <source>%1 (approved by %2)</source>
        <translation>%1 (بموافقة %2)</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="72"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="92"/>
        <source>Recorded</source>
        <translation>مُسجَّل</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="131"/>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="132"/>
        <source>What</source>
        <translation>الحدث</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="133"/>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="134"/>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="135"/>
        <source>Who</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="136"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>IdentifyTab</name>
    <message>
        <location filename="../../ui/tabs/identify.py" line="80"/>
        <source>06 12 34 56 78, +212 6 12 34 56 78 or a name</source>
        <translation>⁦06 12 34 56 78⁩، ⁦+212 6 12 34 56 78⁩ أو اسم</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="86"/>
        <source>I&amp;dentify</source>
        <translation>تعرّف (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="97"/>
        <source>Phone:</source>
        <translation>الهاتف:</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="106"/>
        <source>Sa&amp;ve client (Ctrl+S)</source>
        <translation>حفظ الزبون (Ctrl+S) (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="108"/>
        <source>Ne&amp;w order for this client</source>
        <translation>طلبية جديدة لهذا الزبون (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="126"/>
        <source>Last orders</source>
        <translation>آخر الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="194"/>
        <source>New client: check the details, then Save (Ctrl+S).</source>
        <translation>زبون جديد: تحقّق من المعلومات، ثم احفظ (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="267"/>
        <source>No client, so no order yet: correct the number, Return, then F3.</source>
        <translation>لا زبون، إذن لا طلبية بعد: صحّح الرقم، ثم Return، ثم F3.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="294"/>
        <location filename="../../ui/tabs/identify.py" line="376"/>
        <source>Known client: %1</source>
        <translation>زبون معروف: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="300"/>
        <source>New client: this number is not known yet. Fill in the name, then Save (Ctrl+S).</source>
        <translation>زبون جديد: هذا الرقم غير معروف بعد. املأ الاسم، ثم احفظ (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="333"/>
        <source>Type the client&apos;s phone number and press Return first.</source>
        <translation>اكتب رقم هاتف الزبون واضغط Return أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="358"/>
        <source>Client saved.</source>
        <translation>حُفظ الزبون.</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="98"/>
        <source>I&amp;mport orders…</source>
        <translation>استيراد الطلبيات (&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="101"/>
        <source>Im&amp;port clients…</source>
        <translation>استيراد الزبناء (&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="103"/>
        <source>&amp;Imports…</source>
        <translation>الاستيرادات (&amp;I)…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="62"/>
        <source>Import orders</source>
        <translation>استيراد الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="63"/>
        <source>Import only the &amp;valid orders</source>
        <translation>استيراد الطلبيات الصالحة فقط (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="66"/>
        <source>Import clients</source>
        <translation>استيراد الزبناء</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="67"/>
        <source>Import only the &amp;valid clients</source>
        <translation>استيراد الزبناء الصالحين فقط (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="111"/>
        <source>C&amp;hoose…</source>
        <translation>اختيار (&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="121"/>
        <source>&amp;File</source>
        <translation>الملف (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="124"/>
        <source>F&amp;ormat</source>
        <translation>الصيغة (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="156"/>
        <source>Import &amp;all or nothing</source>
        <translation>استيراد الكل أو لا شيء (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="161"/>
        <source>&amp;Cancel</source>
        <translation>إلغاء (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="225"/>
        <source>This is a folder: choose a file in it.</source>
        <translation>هذا مجلد: اختر ملفًا بداخله.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="227"/>
        <source>Reading the file…</source>
        <translation>جارٍ قراءة الملف…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="280"/>
        <location filename="../../ui/dialogs/import_preview.py" line="305"/>
        <location filename="../../ui/dialogs/import_preview.py" line="365"/>
        <source>What the import will do: </source>
        <translation>ما سيفعله الاستيراد: </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="285"/>
        <source>%1 cannot be imported:
%2</source>
        <translation>لا يمكن استيراد %1:
%2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="300"/>
        <source>This file was already imported on %1 by %2.</source>
        <translation>سبق استيراد هذا الملف في %1 من طرف %2.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="309"/>
        <source>…and %1 more errors, not listed: correct these first.</source>
        <translation>…وأخطاء أخرى غير مذكورة عددها %1: صحّح هذه أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="319"/>
        <source>new %1 · updated %2 · unchanged %3 · conflicts %4 · errors %5</source>
        <translation>جديد %1 · محدَّث %2 · بدون تغيير %3 · تعارضات %4 · أخطاء %5</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="347"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="355"/>
        <source>Imported: </source>
        <translation>تم الاستيراد: </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="360"/>
        <source>Nothing was imported: the file has errors. Correct them in the file, or import only the valid ones.</source>
        <translation>لم يُستورد شيء: الملف يحتوي على أخطاء. صحّحها في الملف، أو استورد الصالح فقط.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="372"/>
        <source>Done: everything in the file is in GESTCO.</source>
        <translation>تم: كل ما في الملف موجود في GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="374"/>
        <source>Done: the valid ones are in GESTCO; those with errors were left out.</source>
        <translation>تم: الصالح منها في GESTCO؛ وتُركت التي بها أخطاء.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="377"/>
        <source>C&amp;lose</source>
        <translation>إغلاق (&amp;L)</translation>
    </message>
</context>
<context>
    <name>ImportsDialog</name>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="42"/>
        <source>Imports</source>
        <translation>الاستيرادات</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/imports.py" line="73"/>
        <source>%1 imports</source>
        <translation>
            <numerusform>%1 استيراد</numerusform>
            <numerusform>%1 استيراد</numerusform>
            <numerusform>%1 استيرادان</numerusform>
            <numerusform>%1 استيرادات</numerusform>
            <numerusform>%1 استيرادًا</numerusform>
            <numerusform>%1 استيراد</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="77"/>
        <source>No import yet.</source>
        <translation>لا يوجد استيراد بعد.</translation>
    </message>
</context>
<context>
    <name>ImportsModel</name>
    <message>
        <location filename="../../ui/models/imports.py" line="134"/>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="135"/>
        <source>Operator</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="136"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="137"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="138"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="139"/>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="140"/>
        <source>Updated</source>
        <translation>محدَّث</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="141"/>
        <source>Unchanged</source>
        <translation>بدون تغيير</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="142"/>
        <source>Conflicts</source>
        <translation>تعارضات</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="143"/>
        <source>Errors</source>
        <translation>أخطاء</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="144"/>
        <source>Written</source>
        <translation>مُسجَّل</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="149"/>
        <source>No: a trial run</source>
        <translation>لا: تشغيل تجريبي</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="151"/>
        <source>No: refused for its errors</source>
        <translation>لا: رُفض بسبب أخطائه</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="152"/>
        <source>Valid ones only</source>
        <translation>الصالح فقط</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="152"/>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
</context>
<context>
    <name>InvoicesDialog</name>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="48"/>
        <location filename="../../ui/dialogs/invoices.py" line="57"/>
        <source>Invoices and credit notes</source>
        <translation>الفواتير والإشعارات الدائنة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="62"/>
        <source>FAC-2026-000042, a client&apos;s name or phone</source>
        <translation>FAC-2026-000042، اسم زبون أو هاتفه</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="63"/>
        <source>&amp;Show</source>
        <translation>عرض (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="68"/>
        <source>&amp;From</source>
        <translation>من (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="69"/>
        <source>&amp;until</source>
        <translation>إلى (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="70"/>
        <source>&amp;Kind</source>
        <translation>النوع (&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="71"/>
        <source>&amp;Number or client</source>
        <translation>الرقم أو الزبون (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="110"/>
        <source>&amp;Export…</source>
        <translation>تصدير (&amp;E)…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="174"/>
        <source>The %1 newest shown: narrow the period for older ones.</source>
        <translation>
            <numerusform>عُرض أحدث %1 مستند: ضيّق الفترة لرؤية الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 مستند: ضيّق الفترة لرؤية الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 مستندين: ضيّق الفترة لرؤية الأقدم.</numerusform>
            <numerusform>عُرضت أحدث %1 مستندات: ضيّق الفترة لرؤية الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 مستندًا: ضيّق الفترة لرؤية الأقدم.</numerusform>
            <numerusform>عُرض أحدث %1 مستند: ضيّق الفترة لرؤية الأقدم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="176"/>
        <source>%1 documents.</source>
        <translation>
            <numerusform>%1 مستند.</numerusform>
            <numerusform>%1 مستند.</numerusform>
            <numerusform>%1 مستندان.</numerusform>
            <numerusform>%1 مستندات.</numerusform>
            <numerusform>%1 مستندًا.</numerusform>
            <numerusform>%1 مستند.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="186"/>
        <source>Export the invoices</source>
        <translation>تصدير الفواتير</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="186"/>
        <source>invoices</source>
        <translation>invoices</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="196"/>
        <source>Invoices</source>
        <translation>الفواتير</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="217"/>
        <source>%1 documents exported to %2</source>
        <translation>
            <numerusform>صُدّر %1 مستند إلى %2</numerusform>
            <numerusform>صُدّر %1 مستند إلى %2</numerusform>
            <numerusform>صُدّر %1 مستندان إلى %2</numerusform>
            <numerusform>صُدّرت %1 مستندات إلى %2</numerusform>
            <numerusform>صُدّر %1 مستندًا إلى %2</numerusform>
            <numerusform>صُدّر %1 مستند إلى %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="226"/>
        <source>Export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="231"/>
        <source>Export cancelled: no file was written.</source>
        <translation>أُلغي التصدير: لم يُكتب أي ملف.</translation>
    </message>
</context>
<context>
    <name>InvoicesModel</name>
    <message>
        <location filename="../../ui/models/invoices.py" line="41"/>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="42"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="43"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="44"/>
        <source>Order</source>
        <translation>الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="45"/>
        <source>Client</source>
        <translation>الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="46"/>
        <source>Excl. tax</source>
        <translation>خارج الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="47"/>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="48"/>
        <source>Incl. tax</source>
        <translation>مع احتساب الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="49"/>
        <source>Credits</source>
        <translation>إشعار دائن على</translation>
    </message>
</context>
<context>
    <name>KpiCards</name>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="182"/>
        <source>Balance due</source>
        <translation>الباقي للأداء</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="183"/>
        <source>What the orders not cancelled still owe, any day.</source>
        <translation>ما يزال مستحقاً على الطلبيات غير الملغاة، أياً كان يومها.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="193"/>
        <source>every order</source>
        <translation>كل الطلبيات</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="98"/>
        <source>SKU or product name</source>
        <translation>SKU أو اسم المنتج</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="111"/>
        <source>&amp;Add line</source>
        <translation>إضافة سطر (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="113"/>
        <source>&amp;Product:</source>
        <translation>المنتج (&amp;P):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="115"/>
        <source>&amp;Qty:</source>
        <translation>الكمية (&amp;Q):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="233"/>
        <source>out of stock</source>
        <translation>نفد من المخزون</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="234"/>
        <source>available: %1</source>
        <translation>المتوفر: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="268"/>
        <source>%1 products match: pick one from the list (↓).</source>
        <translation>عدد المنتجات المطابقة %1: اختر واحدًا من القائمة (↓).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="273"/>
        <source>No product matches “%1”.</source>
        <translation>لا يوجد منتج مطابق لـ«%1».</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="289"/>
        <source>Type a SKU or a product name.</source>
        <translation>اكتب SKU أو اسم منتج.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="323"/>
        <source>Excl. tax %1 · VAT %2 · Total %3</source>
        <translation>خارج الرسوم %1 · TVA %2 · المجموع %3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="336"/>
        <source>Not enough stock for %1: the order can be taken, it will wait for stock.</source>
        <translation>المخزون غير كافٍ لـ%1: يمكن أخذ الطلبية، وستنتظر توفر المخزون.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="59"/>
        <source>GESTCO — order management</source>
        <translation>GESTCO — تدبير الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83"/>
        <source>&amp;Identify client</source>
        <translation>التعرف على الزبون (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;New order</source>
        <translation>طلبية جديدة (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>Sea&amp;rch</source>
        <translation>البحث (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>&amp;Orders</source>
        <translation>الطلبيات (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>&amp;Stock</source>
        <translation>المخزون (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>Dashboard</source>
        <translation>لوحة القيادة</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>&amp;File</source>
        <translation>ملف (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;Identify a client</source>
        <translation>التعرف على زبون (&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Find an &amp;order</source>
        <translation>البحث عن طلبية (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Find a &amp;client</source>
        <translation>البحث عن زبون (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>All orders</source>
        <translation>كل الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;Quit</source>
        <translation>خروج (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230"/>
        <source>&amp;Help</source>
        <translation>مساعدة (&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233"/>
        <source>&amp;Shortcuts</source>
        <translation>اختصارات (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>&amp;About GESTCO</source>
        <translation>حول GESTCO‏ (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>Checking the database file…</source>
        <translation>جارٍ فحص ملف قاعدة البيانات…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Database checked: ok.</source>
        <translation>فُحصت قاعدة البيانات: سليمة.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>The database file is damaged: writing is stopped.</source>
        <translation>ملف قاعدة البيانات تالف: توقفت الكتابة.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>Damaged database</source>
        <translation>قاعدة بيانات تالفة</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>The check of the database file found damage (%1). GESTCO will not write to it. Use Tools › Restore a backup, or call for help.</source>
        <translation>وجد فحص ملف قاعدة البيانات ضررًا (%1). لن يكتب فيه GESTCO. استعمل أدوات › استعادة نسخة احتياطية، أو اطلب المساعدة.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>%1 (%2 to reorder)</source>
        <translation>%1 (%2 لإعادة التموين)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Connection to the server lost: GESTCO reconnects by itself.</source>
        <translation>انقطع الاتصال بالخادم: يعيد GESTCO الاتصال تلقائيًا.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>A backup was restored into this database elsewhere: every screen reloaded.</source>
        <translation>استُعيدت نسخة احتياطية في قاعدة البيانات هذه من جهاز آخر: أُعيد تحميل كل الشاشات.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388"/>
        <source>Database: %1</source>
        <translation>قاعدة البيانات: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="392"/>
        <source>%1 clients</source>
        <translation>
            <numerusform>%1 زبون</numerusform>
            <numerusform>%1 زبون</numerusform>
            <numerusform>%1 زبونان</numerusform>
            <numerusform>%1 زبناء</numerusform>
            <numerusform>%1 زبونًا</numerusform>
            <numerusform>%1 زبون</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="394"/>
        <source>%1 orders</source>
        <translation>
            <numerusform>%1 طلبية</numerusform>
            <numerusform>%1 طلبية</numerusform>
            <numerusform>%1 طلبيتان</numerusform>
            <numerusform>%1 طلبيات</numerusform>
            <numerusform>%1 طلبية</numerusform>
            <numerusform>%1 طلبية</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="401"/>
        <source>About GESTCO</source>
        <translation>حول GESTCO</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="402"/>
        <source>&lt;h3&gt;GESTCO %1&lt;/h3&gt;&lt;p&gt;Order management for small shops.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GESTCO %1&lt;/h3&gt;&lt;p&gt;تدبير الطلبيات للمتاجر الصغيرة.&lt;/p&gt;&lt;p&gt;قاعدة البيانات: %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MovementsModel</name>
    <message>
        <location filename="../../ui/models/movements.py" line="47"/>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="48"/>
        <source>Movement</source>
        <translation>الحركة</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="49"/>
        <source>On hand</source>
        <translation>في المخزن</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="50"/>
        <source>Reserved</source>
        <translation>محجوز</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="51"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="52"/>
        <source>Order</source>
        <translation>الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="53"/>
        <source>Who</source>
        <translation>بواسطة</translation>
    </message>
</context>
<context>
    <name>NewOrderTab</name>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="88"/>
        <location filename="../../ui/tabs/new_order.py" line="199"/>
        <source>Identify a client (F2)</source>
        <translation>التعرف على زبون (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="121"/>
        <source>&amp;Validate order (Ctrl+Return)</source>
        <translation>تأكيد الطلبية (Ctrl+Return) (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="132"/>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="133"/>
        <source>Copy the order number (Ctrl+Shift+C)</source>
        <translation>نسخ رقم الطلبية (Ctrl+Shift+C)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="194"/>
        <source>No client: identify the client first (F2).</source>
        <translation>لا زبون: تعرّف على الزبون أولًا (F2).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="199"/>
        <source>Change client (F2)</source>
        <translation>تغيير الزبون (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="217"/>
        <source>Client: %1</source>
        <translation>الزبون: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="241"/>
        <source>Your unfinished order for %1 waits on New order (F3).</source>
        <translation>طلبيتك غير المنتهية لـ%1 تنتظر في «طلبية جديدة» (F3).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/new_order.py" line="244"/>
        <source>%n unfinished orders of yours wait on New order (F3).</source>
        <translation>
            <numerusform>تنتظرك ⁦%n⁩ طلبية غير منتهية في «طلبية جديدة» (F3).</numerusform>
            <numerusform>تنتظرك ⁦%n⁩ طلبية غير منتهية في «طلبية جديدة» (F3).</numerusform>
            <numerusform>تنتظرك ⁦%n⁩ طلبيتان غير منتهيتين في «طلبية جديدة» (F3).</numerusform>
            <numerusform>تنتظرك ⁦%n⁩ طلبيات غير منتهية في «طلبية جديدة» (F3).</numerusform>
            <numerusform>تنتظرك ⁦%n⁩ طلبية غير منتهية في «طلبية جديدة» (F3).</numerusform>
            <numerusform>تنتظرك ⁦%n⁩ طلبية غير منتهية في «طلبية جديدة» (F3).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="301"/>
        <source>Add at least one product to the order.</source>
        <translation>أضف منتجًا واحدًا على الأقل إلى الطلبية.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="305"/>
        <source>“%1” is typed but not added: Return adds it, Escape clears it.</source>
        <translation>«%1» مكتوب لكنه لم يُضف: Return يضيفه، وEscape يمسحه.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="353"/>
        <source>No manager approved the discount: the order is not recorded.</source>
        <translation>لم يوافق أي مسيّر على التخفيض: لم تُسجَّل الطلبية.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="359"/>
        <source>Order %1 recorded — total %2 · balance due %3</source>
        <translation>سُجّلت الطلبية %1 — المجموع %2 · الباقي للأداء %3</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order_drafts.py" line="154"/>
        <source>The unfinished order could not be restored.</source>
        <translation>تعذّرت استعادة الطلبية غير المنتهية.</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="41"/>
        <source>Operators</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="52"/>
        <source>&amp;Add…</source>
        <translation>إضافة (&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="53"/>
        <source>&amp;Edit…</source>
        <translation>تعديل (&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="55"/>
        <source>New &amp;password…</source>
        <translation>كلمة مرور جديدة (&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="57"/>
        <source>P&amp;IN…</source>
        <translation>الرمز السري (&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="59"/>
        <source>&amp;Clear wrong attempts</source>
        <translation>مسح المحاولات الخاطئة (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="72"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="149"/>
        <source>%1 added: they can sign in.</source>
        <translation>أُضيف %1: يمكنه تسجيل الدخول.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="161"/>
        <source>%1 saved.</source>
        <translation>حُفظ %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="171"/>
        <source>%1 has a new password: give it to them in person.</source>
        <translation>لـ%1 كلمة مرور جديدة: سلّمها له شخصيًا.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="181"/>
        <source>%1&apos;s PIN saved.</source>
        <translation>حُفظ الرمز السري لـ%1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="197"/>
        <source>%1&apos;s wrong attempts cleared: they can sign in at once.</source>
        <translation>مُسحت المحاولات الخاطئة لـ%1: يمكنه تسجيل الدخول فورًا.</translation>
    </message>
</context>
<context>
    <name>OperatorsModel</name>
    <message>
        <location filename="../../ui/models/operators.py" line="43"/>
        <source>Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="44"/>
        <source>Name shown</source>
        <translation>الاسم الظاهر</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="45"/>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="46"/>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="47"/>
        <source>PIN</source>
        <translation>الرمز السري</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="48"/>
        <source>Last sign-in</source>
        <translation>آخر تسجيل دخول</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="49"/>
        <source>Wrong attempts</source>
        <translation>المحاولات الخاطئة</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="63"/>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="63"/>
        <source>disabled</source>
        <translation>معطّل</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="65"/>
        <source>set</source>
        <translation>محدَّد</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="68"/>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
</context>
<context>
    <name>OrderInvoicing</name>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="47"/>
        <source>&amp;Make out the invoice…</source>
        <translation>إعداد الفاتورة (&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="49"/>
        <source>&amp;Write a credit note…</source>
        <translation>تحرير إشعار دائن (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="75"/>
        <source>Not invoiced</source>
        <translation>بدون فاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="86"/>
        <source>Issue the invoice</source>
        <translation>إصدار الفاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="88"/>
        <source>Issue the invoice of order %1? Once issued, an invoice never changes: a correction is a credit note.</source>
        <translation>إصدار فاتورة الطلبية %1؟ بعد إصدارها، لا تتغير الفاتورة أبدًا: التصحيح يكون بإشعار دائن.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="112"/>
        <source>Invoice %1 issued.</source>
        <translation>صدرت الفاتورة %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="127"/>
        <source>Credit note %1 issued.</source>
        <translation>صدر الإشعار الدائن %1.</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../../ui/models/order_lines.py" line="159"/>
        <source>Product</source>
        <translation>المنتج</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="160"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="161"/>
        <source>Unit price</source>
        <translation>ثمن الوحدة</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="162"/>
        <source>Discount</source>
        <translation>التخفيض</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="163"/>
        <source>Line total</source>
        <translation>مجموع السطر</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="164"/>
        <source>Available</source>
        <translation>المتوفر</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="196"/>
        <source>Only %1 available: the order will wait for stock.</source>
        <translation>المتوفر %1 فقط: ستنتظر الطلبية توفر المخزون.</translation>
    </message>
</context>
<context>
    <name>OrderPayments</name>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="49"/>
        <source>Payments</source>
        <translation>الأداءات</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="78"/>
        <source>Record pa&amp;yment…</source>
        <translation>تسجيل أداء (&amp;Y)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="80"/>
        <source>Refund…</source>
        <translation>إرجاع مبلغ…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="132"/>
        <source>Received %1</source>
        <translation>المقبوض %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="138"/>
        <source>refunded %1</source>
        <translation>المُرجَع %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="145"/>
        <source>Balance due %1 · %2</source>
        <translation>الباقي للأداء %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="197"/>
        <source>Refund of %1 recorded.</source>
        <translation>سُجّل إرجاع %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="199"/>
        <source>Payment of %1 recorded.</source>
        <translation>سُجّل أداء %1.</translation>
    </message>
</context>
<context>
    <name>OrderRowsModel</name>
    <message>
        <location filename="../../ui/models/order_rows.py" line="34"/>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="35"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="36"/>
        <source>Channel</source>
        <translation>القناة</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="37"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="38"/>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="39"/>
        <source>Balance due</source>
        <translation>الباقي للأداء</translation>
    </message>
</context>
<context>
    <name>OrderView</name>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="89"/>
        <source>CMD-2026-000042, 2026-42 …</source>
        <translation>CMD-2026-000042، ⁦2026-42⁩ …</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="91"/>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="93"/>
        <source>Order num&amp;ber:</source>
        <translation>رقم الطلبية (&amp;B):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="107"/>
        <source>Open the c&amp;lient</source>
        <translation>فتح الزبون (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="129"/>
        <source>Status and delivery</source>
        <translation>الحالة والتوصيل</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="136"/>
        <source>Note (required to cancel)</source>
        <translation>ملاحظة (إلزامية للإلغاء)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="149"/>
        <source>Stat&amp;us</source>
        <translation>الحالة (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="150"/>
        <source>Not&amp;e</source>
        <translation>ملاحظة (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="153"/>
        <source>&amp;Channel</source>
        <translation>القناة (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="154"/>
        <source>Shipping &amp;date</source>
        <translation>تاريخ الإرسال (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="156"/>
        <source>Shippin&amp;g address</source>
        <translation>عنوان التوصيل (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="157"/>
        <source>Remar&amp;ks</source>
        <translation>ملاحظات (&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="161"/>
        <source>Sa&amp;ve the order</source>
        <translation>حفظ الطلبية (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="175"/>
        <source>History</source>
        <translation>السجل</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="254"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (بدون تغيير)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="258"/>
        <source>→ %1</source>
        <translation>← %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="297"/>
        <source>Created %1</source>
        <translation>أُنشئت %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="298"/>
        <source>shipped %1</source>
        <translation>أُرسلت %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="300"/>
        <source>delivered %1</source>
        <translation>سُلّمت %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="304"/>
        <source>Source: %1 · Shop&apos;s number: %2</source>
        <translation>المصدر: %1 · رقم المتجر: %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="325"/>
        <source>The lines are fixed once the order is no longer to process.</source>
        <translation>تُثبَّت الأسطر حين لا تبقى الطلبية «للمعالجة».</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="412"/>
        <source>No manager approved the change: nothing was saved.</source>
        <translation>لم يوافق أي مسيّر على التغيير: لم يُحفظ شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="418"/>
        <source>Order %1 saved.</source>
        <translation>حُفظت الطلبية %1.</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <location filename="../../ui/tabs/orders.py" line="71"/>
        <source>Number, shop&apos;s number, client name or phone</source>
        <translation>الرقم، رقم المتجر، اسم الزبون أو هاتفه</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="75"/>
        <source>All statuses</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="80"/>
        <source>All channels</source>
        <translation>كل القنوات</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="91"/>
        <source>Cle&amp;ar</source>
        <translation>مسح (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="94"/>
        <source>Fi&amp;lter:</source>
        <translation>تصفية (&amp;L):</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="100"/>
        <source>From: %1</source>
        <translation>من: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="100"/>
        <source>To: %1</source>
        <translation>إلى: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="103"/>
        <source>fro&amp;m</source>
        <translation>من (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="107"/>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="113"/>
        <source>&amp;Balance due only</source>
        <translation>الباقي للأداء فقط (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="158"/>
        <source>All tags</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="163"/>
        <source>&amp;Export…</source>
        <translation>تصدير (&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="169"/>
        <source>Clients&apos; ta&amp;g:</source>
        <translation>وسم الزبناء (&amp;G):</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="325"/>
        <source>Counting…</source>
        <translation>جارٍ العدّ…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/orders.py" line="329"/>
        <source>%1 orders · total excluding cancelled orders: %2</source>
        <translation>
            <numerusform>%1 طلبية · المجموع دون الطلبيات الملغاة: %2</numerusform>
            <numerusform>%1 طلبية · المجموع دون الطلبيات الملغاة: %2</numerusform>
            <numerusform>%1 طلبيتان · المجموع دون الطلبيات الملغاة: %2</numerusform>
            <numerusform>%1 طلبيات · المجموع دون الطلبيات الملغاة: %2</numerusform>
            <numerusform>%1 طلبية · المجموع دون الطلبيات الملغاة: %2</numerusform>
            <numerusform>%1 طلبية · المجموع دون الطلبيات الملغاة: %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="337"/>
        <source>The orders could not be read: %1</source>
        <translation>تعذّرت قراءة الطلبيات: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="351"/>
        <source>Export the orders shown</source>
        <translation>تصدير الطلبيات المعروضة</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="351"/>
        <source>orders</source>
        <translation>orders</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="368"/>
        <source>Orders</source>
        <translation>الطلبيات</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/orders.py" line="398"/>
        <source>%1 orders exported to %2</source>
        <translation>
            <numerusform>صُدّرت %1 طلبية إلى %2</numerusform>
            <numerusform>صُدّرت %1 طلبية إلى %2</numerusform>
            <numerusform>صُدّرت %1 طلبيتان إلى %2</numerusform>
            <numerusform>صُدّرت %1 طلبيات إلى %2</numerusform>
            <numerusform>صُدّرت %1 طلبية إلى %2</numerusform>
            <numerusform>صُدّرت %1 طلبية إلى %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="406"/>
        <source>Export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="410"/>
        <source>Export cancelled: no file was written.</source>
        <translation>أُلغي التصدير: لم يُكتب أي ملف.</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../../ui/models/orders_table.py" line="240"/>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="241"/>
        <source>Shop&apos;s number</source>
        <translation>رقم المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="242"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="243"/>
        <source>Client</source>
        <translation>الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="244"/>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="245"/>
        <source>Channel</source>
        <translation>القناة</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="246"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="247"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="248"/>
        <source>Shipping</source>
        <translation>الإرسال</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="249"/>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="250"/>
        <source>Balance due</source>
        <translation>الباقي للأداء</translation>
    </message>
</context>
<context>
    <name>PaperActions</name>
    <message>
        <location filename="../../ui/printing/actions.py" line="96"/>
        <source>Issue the invoice</source>
        <translation>إصدار الفاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="98"/>
        <source>Order %1 has no invoice yet. Issue it now? Once issued, an invoice never changes: a correction is a credit note.</source>
        <translation>ليست للطلبية %1 فاتورة بعد. إصدارها الآن؟ بعد إصدارها، لا تتغير الفاتورة أبدًا: التصحيح يكون بإشعار دائن.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="157"/>
        <source>The printer could not start: check it, then print again.</source>
        <translation>تعذّر تشغيل الطابعة: تحقّق منها، ثم اطبع من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="160"/>
        <source>%1 sent to the printer.</source>
        <translation>أُرسل %1 إلى الطابعة.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="167"/>
        <source>Save as PDF</source>
        <translation>حفظ بصيغة PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="169"/>
        <source>PDF documents (*.pdf)</source>
        <translation>مستندات PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="185"/>
        <source>%1 saved as %2.</source>
        <translation>حُفظ %1 باسم %2.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="211"/>
        <source>New password for %1</source>
        <translation>كلمة مرور جديدة لـ%1</translation>
    </message>
</context>
<context>
    <name>PasswordPair</name>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="53"/>
        <source>&amp;Password</source>
        <translation>كلمة المرور (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="55"/>
        <source>Password &amp;again</source>
        <translation>كلمة المرور مرة أخرى (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="65"/>
        <source>The two passwords differ: type the same one twice.</source>
        <translation>كلمتا المرور مختلفتان: اكتب الكلمة نفسها مرتين.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="70"/>
        <source>too short: %1 characters at least</source>
        <translation>قصيرة جدًا: عدد الحروف %1 على الأقل</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="71"/>
        <source>weak: longer is better (a phrase of a few words)</source>
        <translation>ضعيفة: الأطول أفضل (جملة من بضع كلمات)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="72"/>
        <source>fair: 12 characters or more would be better</source>
        <translation>مقبولة: 12 حرفًا أو أكثر أفضل</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="73"/>
        <source>good</source>
        <translation>جيدة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="74"/>
        <source>strong</source>
        <translation>قوية</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="77"/>
        <source>Strength: %1</source>
        <translation>القوة: %1</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="61"/>
        <source>Refund — %1</source>
        <translation>إرجاع مبلغ — %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="61"/>
        <source>Record a payment — %1</source>
        <translation>تسجيل أداء — %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="68"/>
        <source>Received %1 · balance due %2</source>
        <translation>المقبوض %1 · الباقي للأداء %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="75"/>
        <source>150,00</source>
        <translation>150,00</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="86"/>
        <source>Cheque or receipt number (optional)</source>
        <translation>رقم الشيك أو الوصل (اختياري)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="90"/>
        <source>Why the money is given back</source>
        <translation>سبب إرجاع المبلغ</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="93"/>
        <source>&amp;Amount</source>
        <translation>المبلغ (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="94"/>
        <source>&amp;Method</source>
        <translation>الطريقة (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="95"/>
        <source>&amp;Date</source>
        <translation>التاريخ (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="96"/>
        <source>&amp;Reference</source>
        <translation>المرجع (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="97"/>
        <source>Reaso&amp;n</source>
        <translation>السبب (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="120"/>
        <source>Re&amp;fund</source>
        <translation>إرجاع (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="120"/>
        <source>Rec&amp;ord</source>
        <translation>تسجيل (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="126"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <location filename="../../ui/models/payments.py" line="32"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="33"/>
        <source>Method</source>
        <translation>الطريقة</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="34"/>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="35"/>
        <source>Reference or reason</source>
        <translation>المرجع أو السبب</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="36"/>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="51"/>
        <source>Recorded %1</source>
        <translation>سُجّل %1</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="39"/>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="40"/>
        <source>Last 7 days</source>
        <translation>آخر 7 أيام</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="41"/>
        <source>Last 30 days</source>
        <translation>آخر 30 يوماً</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="42"/>
        <source>This month</source>
        <translation>هذا الشهر</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="43"/>
        <source>Last month</source>
        <translation>الشهر الماضي</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="44"/>
        <source>This year</source>
        <translation>هذه السنة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="45"/>
        <source>Chosen dates</source>
        <translation>تواريخ مختارة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="50"/>
        <source>From: %1</source>
        <translation>من: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="51"/>
        <source>To: %1</source>
        <translation>إلى: %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="56"/>
        <source>&amp;Period:</source>
        <translation>الفترة (&amp;P):</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="58"/>
        <source>fro&amp;m</source>
        <translation>من (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="67"/>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="112"/>
        <source>The period ends before it starts: type a last day on or after %1.</source>
        <translation>تنتهي الفترة قبل أن تبدأ: اكتب يوماً أخيراً في %1 أو بعده.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="242"/>
        <source>PIN of %1</source>
        <translation>الرمز السري لـ%1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="250"/>
        <source>4 to 6 digits</source>
        <translation>من 4 إلى 6 أرقام</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="251"/>
        <source>New &amp;PIN</source>
        <translation>رمز سري جديد (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="252"/>
        <source>PIN &amp;again</source>
        <translation>الرمز السري مرة أخرى (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="253"/>
        <source>&amp;Remove the PIN</source>
        <translation>حذف الرمز السري (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="263"/>
        <source>The two PINs differ: type the same one twice.</source>
        <translation>الرمزان السريان مختلفان: اكتب الرمز نفسه مرتين.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="45"/>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="49"/>
        <source>Follow the system</source>
        <translation>اتباع النظام</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="56"/>
        <source>Allow an order beyond the available stock (warn)</source>
        <translation>السماح بطلبية تتجاوز المخزون المتوفر (مع تنبيه)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="67"/>
        <source>The language applies the next time GESTCO starts.</source>
        <translation>تُطبَّق اللغة عند التشغيل القادم لـGESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="74"/>
        <source>&amp;Language</source>
        <translation>اللغة (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="75"/>
        <source>&amp;Currency</source>
        <translation>العملة (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="78"/>
        <source>Lock after (&amp;minutes idle)</source>
        <translation>القفل بعد (دقائق الخمول) (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="79"/>
        <source>0: never</source>
        <translation>0: أبدًا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="83"/>
        <source>Manager for discounts a&amp;bove (%)</source>
        <translation>موافقة المسيّر على التخفيضات التي تتجاوز (%) (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="85"/>
        <source>a clerk&apos;s larger discount asks a manager&apos;s PIN</source>
        <translation>التخفيض الأكبر من طرف موظف يتطلب الرمز السري لمسيّر</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="131"/>
        <source>Enter a currency code or sign, such as MAD or EUR.</source>
        <translation>أدخل رمز العملة أو علامتها، مثل MAD أو EUR.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="140"/>
        <source>Type a whole number of minutes, from 0 (never lock) to %1.</source>
        <translation>اكتب عددًا صحيحًا من الدقائق، من 0 (بدون قفل) إلى %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="151"/>
        <source>Type a whole percentage from 0 to 100, such as 10.</source>
        <translation>اكتب نسبة مئوية صحيحة من 0 إلى 100، مثل 10.</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="34"/>
        <source>Print</source>
        <translation>طباعة</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="41"/>
        <source>Preview…</source>
        <translation>معاينة…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="42"/>
        <source>Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="43"/>
        <source>Save as PDF…</source>
        <translation>حفظ بصيغة PDF…</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <location filename="../../ui/print_menu.py" line="43"/>
        <source>P&amp;rint the order&apos;s slip…</source>
        <translation>طباعة وصل الطلبية (&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="47"/>
        <source>Print the order&apos;s in&amp;voice…</source>
        <translation>طباعة فاتورة الطلبية (&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="52"/>
        <source>Previe&amp;w the order&apos;s slip…</source>
        <translation>معاينة وصل الطلبية (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="73"/>
        <source>Open an order first (or validate one): its papers print from there.</source>
        <translation>افتح طلبية أولًا (أو أكّد واحدة): تُطبع مستنداتها من هناك.</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../ui/models/imports.py" line="67"/>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="68"/>
        <source>What</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="69"/>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="70"/>
        <source>Column</source>
        <translation>العمود</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="71"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="78"/>
        <source>Error</source>
        <translation>خطأ</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="78"/>
        <source>Conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="86"/>
        <source>In the file: %1</source>
        <translation>في الملف: %1</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <location filename="../../ui/models/products.py" line="45"/>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="46"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="47"/>
        <source>Price</source>
        <translation>الثمن</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="48"/>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="49"/>
        <source>On hand</source>
        <translation>في المخزن</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="50"/>
        <source>Reserved</source>
        <translation>محجوز</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="51"/>
        <source>Available</source>
        <translation>المتوفر</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="52"/>
        <source>Reorder at</source>
        <translation>إعادة التموين عند</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="85"/>
        <source>To reorder: %1 available, reorder level %2.</source>
        <translation>لإعادة التموين: المتوفر %1، حدّ إعادة التموين %2.</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="98"/>
        <source>%1 (inactive)</source>
        <translation>%1 (غير نشط)</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/runtime/languages.py" line="30"/>
        <source>Folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/languages.py" line="31"/>
        <source>Drive</source>
        <translation>محرك أقراص</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/runtime/languages.py" line="28"/>
        <source>&amp;Look in:</source>
        <translation>البحث في (&amp;L):</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/languages.py" line="29"/>
        <source>Files of &amp;type:</source>
        <translation>نوع الملفات (&amp;T):</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <location filename="../../ui/tabs/search.py" line="103"/>
        <source>Order</source>
        <translation>الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="104"/>
        <source>Client</source>
        <translation>الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="117"/>
        <source>A phone number in any form, or a name</source>
        <translation>رقم هاتف بأي شكل، أو اسم</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="118"/>
        <source>Fin&amp;d</source>
        <translation>بحث (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="122"/>
        <source>(every client)</source>
        <translation>(كل الزبناء)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="123"/>
        <source>Tag:</source>
        <translation>الوسم:</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="127"/>
        <source>Phone or name:</source>
        <translation>الهاتف أو الاسم:</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="145"/>
        <source>Sa&amp;ve changes</source>
        <translation>حفظ التغييرات (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="181"/>
        <source>Changes to this client</source>
        <translation>التغييرات على هذا الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="199"/>
        <source>Orders and figures</source>
        <translation>الطلبيات والأرقام</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="200"/>
        <source>Notes, tags, consent</source>
        <translation>الملاحظات، الوسوم، الموافقة</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="201"/>
        <source>Changes</source>
        <translation>التغييرات</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="311"/>
        <source>No client matches “%1”.</source>
        <translation>لا يوجد زبون مطابق لـ«%1».</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="333"/>
        <source>%1 clients match: pick one (↓, Return).</source>
        <translation>عدد الزبناء المطابقين %1: اختر واحدًا (↓، Return).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="335"/>
        <source>%1 of %2 clients shown: type more of the name.</source>
        <translation>
            <numerusform>عُرض %1 من أصل %2 زبون: اكتب المزيد من الاسم.</numerusform>
            <numerusform>عُرض %1 من أصل %2 زبون: اكتب المزيد من الاسم.</numerusform>
            <numerusform>عُرض %1 من أصل %2 زبونين: اكتب المزيد من الاسم.</numerusform>
            <numerusform>عُرض %1 من أصل %2 زبناء: اكتب المزيد من الاسم.</numerusform>
            <numerusform>عُرض %1 من أصل %2 زبونًا: اكتب المزيد من الاسم.</numerusform>
            <numerusform>عُرض %1 من أصل %2 زبون: اكتب المزيد من الاسم.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="397"/>
        <source>%1 orders · %2 spent, excluding cancelled orders · last order %3</source>
        <translation>
            <numerusform>%1 طلبية · أنفق %2 دون الطلبيات الملغاة · آخر طلبية %3</numerusform>
            <numerusform>%1 طلبية · أنفق %2 دون الطلبيات الملغاة · آخر طلبية %3</numerusform>
            <numerusform>%1 طلبيتان · أنفق %2 دون الطلبيات الملغاة · آخر طلبية %3</numerusform>
            <numerusform>%1 طلبيات · أنفق %2 دون الطلبيات الملغاة · آخر طلبية %3</numerusform>
            <numerusform>%1 طلبية · أنفق %2 دون الطلبيات الملغاة · آخر طلبية %3</numerusform>
            <numerusform>%1 طلبية · أنفق %2 دون الطلبيات الملغاة · آخر طلبية %3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="411"/>
        <source>Average basket %1 · usually buys %2</source>
        <translation>متوسط السلة %1 · يشتري عادةً %2</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="413"/>
        <source>Average basket %1</source>
        <translation>متوسط السلة %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="442"/>
        <source>Client saved.</source>
        <translation>حُفظ الزبون.</translation>
    </message>
</context>
<context>
    <name>ShopDetailsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="58"/>
        <source>Shop details</source>
        <translation>معلومات المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="83"/>
        <source>Morocco&apos;s identifiers</source>
        <translation>معرّفات المغرب</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="84"/>
        <source>France&apos;s identifiers</source>
        <translation>معرّفات فرنسا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="93"/>
        <source>Documents&apos; lang&amp;uage</source>
        <translation>لغة المستندات (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="163"/>
        <source>The window&apos;s language</source>
        <translation>لغة النافذة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="191"/>
        <source>C&amp;hoose an image…</source>
        <translation>اختيار صورة (&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="193"/>
        <source>Remove the lo&amp;go</source>
        <translation>حذف الشعار (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="226"/>
        <source>Invoices also need: %1.</source>
        <translation>تحتاج الفواتير أيضًا إلى: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="238"/>
        <source>No logo</source>
        <translation>لا شعار</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="253"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>الصور (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="254"/>
        <source>The shop&apos;s logo</source>
        <translation>شعار المتجر</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="126"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="129"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="129"/>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
</context>
<context>
    <name>ShownClient</name>
    <message>
        <location filename="../../ui/widgets/shown_client.py" line="58"/>
        <source>This client was just changed on another screen or workstation: Save shows their version first, then make your change again.</source>
        <translation>تغيّر هذا الزبون للتو في شاشة أو جهاز آخر: الحفظ يعرض نسخته أولًا، ثم أعد تغييرك.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/shown_client.py" line="68"/>
        <source>Updated: these are the client&apos;s details as just saved elsewhere.</source>
        <translation>محدَّث: هذه معلومات الزبون كما حُفظت للتو في مكان آخر.</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="88"/>
        <source>Un&amp;lock</source>
        <translation>فتح القفل (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="88"/>
        <source>&amp;Sign in</source>
        <translation>تسجيل الدخول (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="92"/>
        <source>&amp;Username</source>
        <translation>اسم المستخدم (&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="94"/>
        <source>&amp;PIN or password</source>
        <translation>الرمز السري أو كلمة المرور (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="94"/>
        <source>&amp;Password</source>
        <translation>كلمة المرور (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="114"/>
        <source>GESTCO — sign in</source>
        <translation>تسجيل الدخول — GESTCO</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="115"/>
        <source>Type your username and your password.</source>
        <translation>اكتب اسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="126"/>
        <source>Workstation locked</source>
        <translation>الجهاز مقفل</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="129"/>
        <source>Locked — %1 (%2)</source>
        <translation>مقفل — %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="134"/>
        <source>Your PIN or password to unlock. Another operator: type your own username.</source>
        <translation>رمزك السري أو كلمة مرورك لفتح القفل. مستخدم آخر: اكتب اسم المستخدم الخاص بك.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="153"/>
        <source>Type your username.</source>
        <translation>اكتب اسم المستخدم.</translation>
    </message>
</context>
<context>
    <name>StockMovementBox</name>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="37"/>
        <source>Stock movement</source>
        <translation>حركة المخزون</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="47"/>
        <source>Supplier reference (optional)</source>
        <translation>مرجع المورّد (اختياري)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="48"/>
        <source>Rec&amp;eive</source>
        <translation>استلام (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="55"/>
        <source>Reason (required)</source>
        <translation>السبب (إلزامي)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="56"/>
        <source>&amp;Correct</source>
        <translation>تصحيح (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="60"/>
        <source>Receipt</source>
        <translation>استلام</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="67"/>
        <source>Correction</source>
        <translation>تصحيح</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="124"/>
        <source>%1: %2 on hand, %3 available.</source>
        <translation>%1: في المخزن %2، المتوفر %3.</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <location filename="../../ui/tabs/stock.py" line="83"/>
        <source>SKU or product name</source>
        <translation>SKU أو اسم المنتج</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="85"/>
        <source>Onl&amp;y to reorder</source>
        <translation>ما يحتاج إعادة التموين فقط (&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="87"/>
        <source>Ne&amp;w product</source>
        <translation>منتج جديد (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="89"/>
        <source>E&amp;xport the reorder list…</source>
        <translation>تصدير قائمة إعادة التموين (&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="93"/>
        <source>Find:</source>
        <translation>بحث:</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="131"/>
        <source>Product</source>
        <translation>المنتج</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="135"/>
        <source>S&amp;KU</source>
        <translation>SKU (&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="136"/>
        <source>Na&amp;me</source>
        <translation>الاسم (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="138"/>
        <source>&amp;Price incl. VAT</source>
        <translation>الثمن مع TVA‏ (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="140"/>
        <source>V&amp;AT rate (%)</source>
        <translation>نسبة TVA (%)‏ (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="144"/>
        <source>Reor&amp;der level</source>
        <translation>حدّ إعادة التموين (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="146"/>
        <source>On sa&amp;le (active)</source>
        <translation>معروض للبيع (نشط) (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="149"/>
        <source>Sa&amp;ve the product</source>
        <translation>حفظ المنتج (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="309"/>
        <source>Product %1</source>
        <translation>المنتج %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="311"/>
        <source>New product</source>
        <translation>منتج جديد</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="315"/>
        <source>Movements of %1</source>
        <translation>حركات %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="347"/>
        <source>Product %1 saved.</source>
        <translation>حُفظ المنتج %1.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="353"/>
        <source>to-reorder</source>
        <translation>to-reorder</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="355"/>
        <source>Export the reorder list</source>
        <translation>تصدير قائمة إعادة التموين</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="355"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="377"/>
        <source>Export failed: %1</source>
        <translation>فشل التصدير: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/stock.py" line="380"/>
        <source>%1 products to reorder exported to %2</source>
        <translation>
            <numerusform>صُدّر %1 منتج لإعادة التموين إلى %2</numerusform>
            <numerusform>صُدّر %1 منتج لإعادة التموين إلى %2</numerusform>
            <numerusform>صُدّر %1 منتجان لإعادة التموين إلى %2</numerusform>
            <numerusform>صُدّرت %1 منتجات لإعادة التموين إلى %2</numerusform>
            <numerusform>صُدّر %1 منتجًا لإعادة التموين إلى %2</numerusform>
            <numerusform>صُدّر %1 منتج لإعادة التموين إلى %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <location filename="../../ui/tools_menu.py" line="41"/>
        <source>&amp;Tools</source>
        <translation>أدوات (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="42"/>
        <source>&amp;Back up now</source>
        <translation>نسخ احتياطي الآن (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="44"/>
        <source>&amp;Restore a backup…</source>
        <translation>استعادة نسخة احتياطية (&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="46"/>
        <source>&amp;Audit trail…</source>
        <translation>سجل التتبع (&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="48"/>
        <source>&amp;Operators…</source>
        <translation>المستخدمون (&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="51"/>
        <source>&amp;Settings…</source>
        <translation>الإعدادات (&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="53"/>
        <source>S&amp;hop details…</source>
        <translation>معلومات المتجر (&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="54"/>
        <source>In&amp;voices…</source>
        <translation>الفواتير (&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="56"/>
        <source>Database &amp;connection…</source>
        <translation>اتصال قاعدة البيانات (&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="111"/>
        <source>The new database connection is used from GESTCO&apos;s next start.</source>
        <translation>يُستعمل الاتصال الجديد بقاعدة البيانات ابتداءً من التشغيل القادم لـGESTCO.</translation>
    </message>
</context>
<context>
    <name>WaitCountdown</name>
    <message>
        <location filename="../../ui/widgets/countdown.py" line="65"/>
        <source>You can try again now.</source>
        <translation>يمكنك المحاولة من جديد الآن.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/countdown.py" line="69"/>
        <source>Too many wrong attempts: wait %1, then try again.</source>
        <translation>محاولات خاطئة كثيرة جدًا: انتظر %1، ثم حاول من جديد.</translation>
    </message>
</context>
<context>
    <name>WatchFolderBox</name>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="28"/>
        <source>Watched folder (this workstation)</source>
        <translation>المجلد المراقَب (هذا الجهاز)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="32"/>
        <source>&amp;Watch a folder for orders files</source>
        <translation>مراقبة مجلد لملفات الطلبيات (&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="38"/>
        <source>C&amp;hoose…</source>
        <translation>اختيار (&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="43"/>
        <source>A file dropped there is imported (its valid orders), then moved to done/, or to failed/ when some were refused, with a report beside it. The folder is watched while a manager or an administrator is signed in here.</source>
        <translation>الملف الذي يوضع هناك يُستورد (طلبياته الصالحة)، ثم يُنقل إلى done/، أو إلى failed/ إن رُفض بعضها، مع تقرير بجانبه. يُراقَب المجلد ما دام مسيّر أو مسؤول النظام مسجّلًا الدخول هنا.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="51"/>
        <source>&amp;Folder</source>
        <translation>المجلد (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="69"/>
        <source>The folder to watch</source>
        <translation>المجلد المراد مراقبته</translation>
    </message>
</context>
<context>
    <name>WatchedFolder</name>
    <message numerus="yes">
        <location filename="../../ui/runtime/watched_folder.py" line="82"/>
        <source>%n orders imported from %1</source>
        <translation>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبيتان من %1</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبيات من %1</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runtime/watched_folder.py" line="84"/>
        <source>%1 was imported before: nothing imported again.</source>
        <translation>سبق استيراد %1: لم يُستورد شيء من جديد.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runtime/watched_folder.py" line="87"/>
        <source>%n orders imported from %1, others refused: see its report in failed/</source>
        <translation>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1، ورُفضت أخرى: انظر تقريره في failed/</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1، ورُفضت أخرى: انظر تقريره في failed/</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبيتان من %1، ورُفضت أخرى: انظر تقريره في failed/</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبيات من %1، ورُفضت أخرى: انظر تقريره في failed/</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1، ورُفضت أخرى: انظر تقريره في failed/</numerusform>
            <numerusform>استُوردت ⁦%n⁩ طلبية من %1، ورُفضت أخرى: انظر تقريره في failed/</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runtime/watched_folder.py" line="92"/>
        <source>%1 could not be imported: see its report in failed/</source>
        <translation>تعذّر استيراد %1: انظر تقريره في failed/</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="46"/>
        <source>&amp;Save</source>
        <translation>حفظ (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="48"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>_TagList</name>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="74"/>
        <source>Delete takes the chosen tag off</source>
        <translation>Delete يزيل الوسم المختار</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="136"/>
        <source>There is no database at %1. Create a new, empty database there? If the shop&apos;s data should be there, open the right file instead.</source>
        <translation>لا توجد قاعدة بيانات في %1. إنشاء قاعدة بيانات جديدة وفارغة هناك؟ إن كان ينبغي أن تكون بيانات المتجر هناك، فافتح الملف الصحيح بدلًا من ذلك.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="144"/>
        <source>&amp;Create a new database</source>
        <translation>إنشاء قاعدة بيانات جديدة (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="162"/>
        <source>&amp;Open another file…</source>
        <translation>فتح ملف آخر (&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="166"/>
        <source>&amp;Quit</source>
        <translation>خروج (&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="176"/>
        <source>Open a GESTCO database</source>
        <translation>فتح قاعدة بيانات GESTCO</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="189"/>
        <source>The file is not damaged and nothing was changed in it.</source>
        <translation>الملف غير تالف ولم يُغيَّر فيه شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="252"/>
        <source>Password:</source>
        <translation>كلمة المرور:</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="268"/>
        <source>Connection &amp;settings…</source>
        <translation>إعدادات الاتصال (&amp;S)…</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../../ui/display/audit_words.py" line="30"/>
        <location filename="../../ui/display/audit_words.py" line="71"/>
        <source>Order</source>
        <translation>طلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="31"/>
        <location filename="../../ui/display/audit_words.py" line="58"/>
        <source>Client</source>
        <translation>زبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="32"/>
        <source>Product</source>
        <translation>منتج</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="33"/>
        <source>Stock</source>
        <translation>مخزون</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="34"/>
        <source>Setting</source>
        <translation>إعداد</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="35"/>
        <source>Operator</source>
        <translation>مستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="36"/>
        <source>Sign-in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="37"/>
        <source>Failed sign-in</source>
        <translation>تسجيل دخول فاشل</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="38"/>
        <source>Sign-in while waiting</source>
        <translation>تسجيل دخول أثناء الانتظار</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="39"/>
        <source>Sign-out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="40"/>
        <source>Lock</source>
        <translation>قفل</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="41"/>
        <source>Approval</source>
        <translation>موافقة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="42"/>
        <source>Failed approval</source>
        <translation>موافقة فاشلة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="43"/>
        <source>Wrong attempts cleared</source>
        <translation>مُسحت المحاولات الخاطئة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="48"/>
        <source>Payment</source>
        <translation>أداء</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="49"/>
        <source>Invoice</source>
        <translation>فاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="52"/>
        <source>invoice</source>
        <translation>فاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="53"/>
        <source>credit note</source>
        <translation>إشعار دائن</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="57"/>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="59"/>
        <source>Channel</source>
        <translation>القناة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="60"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="61"/>
        <source>Shipping date</source>
        <translation>تاريخ الإرسال</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="62"/>
        <source>Shipped</source>
        <translation>أُرسلت</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="63"/>
        <source>Delivered</source>
        <translation>سُلّمت</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="64"/>
        <source>Shipping address</source>
        <translation>عنوان التوصيل</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="65"/>
        <source>Remarks</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="66"/>
        <source>Total excl. tax</source>
        <translation>المجموع خارج الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="67"/>
        <source>Tax</source>
        <translation>الضريبة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="68"/>
        <source>Total</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="69"/>
        <source>Lines</source>
        <translation>الأسطر</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="72"/>
        <source>Amount</source>
        <translation>المبلغ</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="73"/>
        <source>Payment method</source>
        <translation>طريقة الأداء</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="74"/>
        <source>Paid on</source>
        <translation>تاريخ الأداء</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="75"/>
        <source>Payment reference</source>
        <translation>مرجع الأداء</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="76"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="77"/>
        <source>Invoice credited</source>
        <translation>الفاتورة المعنية بالإشعار</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="79"/>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="80"/>
        <source>First name</source>
        <translation>الاسم الشخصي</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="81"/>
        <source>Last name</source>
        <translation>الاسم العائلي</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="82"/>
        <source>E-mail</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="83"/>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="84"/>
        <source>Postal code</source>
        <translation>الرمز البريدي</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="85"/>
        <source>City</source>
        <translation>المدينة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="86"/>
        <source>Country</source>
        <translation>البلد</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="87"/>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="88"/>
        <source>Marketing consent</source>
        <translation>الموافقة التسويقية</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="89"/>
        <source>Consent given or withdrawn</source>
        <translation>أُعطيت الموافقة أو سُحبت</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="90"/>
        <source>Anonymised</source>
        <translation>مُخفى الهوية</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="91"/>
        <source>Kind of contact</source>
        <translation>نوع التواصل</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="93"/>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="94"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="95"/>
        <source>Unit price</source>
        <translation>ثمن الوحدة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="96"/>
        <source>Tax rate</source>
        <translation>نسبة الضريبة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="97"/>
        <source>Reorder level</source>
        <translation>حدّ إعادة التموين</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="98"/>
        <source>Active</source>
        <translation>نشط</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="99"/>
        <source>On hand</source>
        <translation>في المخزن</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="100"/>
        <source>Reserved</source>
        <translation>محجوز</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="102"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="103"/>
        <source>Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="104"/>
        <source>Name shown</source>
        <translation>الاسم الظاهر</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="105"/>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="106"/>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="107"/>
        <source>PIN</source>
        <translation>الرمز السري</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="139"/>
        <source>%1 × %2 at %3</source>
        <translation>%1 × %2 بـ%3</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="140"/>
        <source>%1, discount %2</source>
        <translation>%1، تخفيض %2</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="245"/>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="246"/>
        <source>no</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>auditNote</name>
    <message>
        <location filename="../../ui/display/audit_words.py" line="114"/>
        <source>PIN</source>
        <translation>الرمز السري</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="115"/>
        <source>password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="116"/>
        <source>without a secret (tests, automation)</source>
        <translation>بدون رمز سري (اختبارات، أتمتة)</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="117"/>
        <source>anonymised: the former values are not kept</source>
        <translation>أُخفيت الهوية: لا يُحتفظ بالقيم السابقة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="120"/>
        <source>operator disabled</source>
        <translation>المستخدم معطّل</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="121"/>
        <source>set</source>
        <translation>محدَّد</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="122"/>
        <source>changed</source>
        <translation>مُغيَّر</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="123"/>
        <source>removed</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="125"/>
        <source>cleared by an administrator</source>
        <translation>مسحها مسؤول النظام</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="126"/>
        <source>new password</source>
        <translation>كلمة مرور جديدة</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="127"/>
        <source>new PIN</source>
        <translation>رمز سري جديد</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="128"/>
        <source>PIN removed</source>
        <translation>حُذف الرمز السري</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="129"/>
        <source>enabled again</source>
        <translation>أُعيد تفعيله</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="132"/>
        <source>delay %1</source>
        <translation>مهلة %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="134"/>
        <source>%1 still to wait</source>
        <translation>يتبقى انتظار %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="136"/>
        <source>wrong attempts: %1</source>
        <translation>محاولات خاطئة: %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="138"/>
        <source>the role %1 approves nothing</source>
        <translation>الدور %1 لا يوافق على أي شيء</translation>
    </message>
</context>
<context>
    <name>clientRights</name>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="17"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="18"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="23"/>
        <source>Export this client&apos;s data</source>
        <translation>تصدير بيانات هذا الزبون</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../ui/display/core_messages.py" line="9"/>
        <source>--db is empty: name the database file or server.</source>
        <translation>--db فارغ: سمِّ ملف قاعدة البيانات أو الخادم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="10"/>
        <source>--every is a number of seconds from 0.5 to 3600.</source>
        <translation>--every عدد ثوانٍ من ⁦0.5⁩ إلى 3600.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="11"/>
        <source>--from and --to choose invoices: export invoices.</source>
        <translation>--from و--to يختاران الفواتير: export invoices.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="12"/>
        <source>--from {start} is after --to {end}: give the first day first.</source>
        <translation>--from {start} بعد --to {end}: أعطِ اليوم الأول أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="13"/>
        <source>--tag picks orders: gestco export orders --tag TAG.</source>
        <translation>--tag يختار الطلبيات: gestco export orders --tag TAG.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="14"/>
        <source>--{name} must be a whole number from {low} to 10,000,000.</source>
        <translation>يجب أن يكون --{name} عددًا صحيحًا من {low} إلى ⁦10,000,000⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="15"/>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>الرمز السري من 4 إلى 6 أرقام.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="16"/>
        <source>A SIREN is 9 digits (a SIRET 14), such as 732 829 320.</source>
        <translation>رقم SIREN من 9 أرقام (وSIRET من 14)، مثل ⁦732 829 320⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="17"/>
        <source>A client has at most {n} tags: remove one first.</source>
        <translation>عدد وسوم الزبون {n} على الأكثر: احذف واحدًا أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="18"/>
        <source>A deposit is money received: enter a positive amount.</source>
        <translation>التسبيق مال مقبوض: أدخل مبلغًا موجبًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="19"/>
        <source>A line or an order totals at most {limit}: split it or check the amounts.</source>
        <translation>لا يتجاوز مجموع سطر أو طلبية {limit}: قسّمها أو تحقّق من المبالغ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="22"/>
        <source>A password has at least {n} characters.</source>
        <translation>عدد حروف كلمة المرور {n} على الأقل.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="23"/>
        <source>A password has at most {n} characters.</source>
        <translation>عدد حروف كلمة المرور {n} على الأكثر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="24"/>
        <source>A payment cannot be dated after today.</source>
        <translation>لا يمكن تأريخ أداء بعد اليوم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="25"/>
        <source>A payment of 0.00 records nothing: enter the amount.</source>
        <translation>أداء بقيمة ⁦0.00⁩ لا يسجّل شيئًا: أدخل المبلغ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="26"/>
        <source>A percentage has at most two decimal places.</source>
        <translation>للنسبة المئوية رقمان عشريان على الأكثر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="27"/>
        <source>A phone number has only digits, spaces and an optional leading +.</source>
        <translation>رقم الهاتف لا يحتوي إلا على أرقام ومسافات و+ اختيارية في بدايته.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="28"/>
        <source>A price cannot be negative.</source>
        <translation>لا يمكن أن يكون الثمن سالبًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="29"/>
        <source>A price has at most two decimal places.</source>
        <translation>للثمن رقمان عشريان على الأكثر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="30"/>
        <source>A price is at most {limit}: check the amount.</source>
        <translation>لا يتجاوز الثمن {limit}: تحقّق من المبلغ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="31"/>
        <source>A quantity is at most {n}: check it.</source>
        <translation>لا تتجاوز الكمية {n}: تحقّق منها.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="32"/>
        <source>A username has only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, such as gerant.</source>
        <translation>اسم المستخدم لا يحتوي إلا على حروف وأرقام و&apos;.&apos; و&apos;_&apos; و&apos;-&apos;، مثل gerant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="35"/>
        <source>A username is written in one alphabet: &apos;{letter}&apos; ({code}) is not from the same one as &apos;{first}&apos;. Retype it on one keyboard layout.</source>
        <translation>يُكتب اسم المستخدم بأبجدية واحدة: &apos;{letter}&apos; ({code}) ليس من أبجدية &apos;{first}&apos; نفسها. أعد كتابته بتخطيط لوحة مفاتيح واحد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="39"/>
        <source>Add at least one product to the order.</source>
        <translation>أضف منتجًا واحدًا على الأقل إلى الطلبية.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="40"/>
        <source>An ICE is 15 digits, such as 001561191000066.</source>
        <translation>رقم ICE من 15 رقمًا، مثل 001561191000066.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="41"/>
        <source>An amount cannot be negative here.</source>
        <translation>لا يمكن أن يكون المبلغ سالبًا هنا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="42"/>
        <source>An amount has at most two decimal places.</source>
        <translation>للمبلغ رقمان عشريان على الأكثر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="43"/>
        <source>An amount is at most {limit}: check it.</source>
        <translation>لا يتجاوز المبلغ {limit}: تحقّق منه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="44"/>
        <source>An order has at most {n} lines.</source>
        <translation>عدد أسطر الطلبية {n} على الأكثر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="45"/>
        <source>An order holds at most {n} lines.</source>
        <translation>لا يتجاوز عدد أسطر الطلبية {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="46"/>
        <source>An order&apos;s total is at most {limit}: split it.</source>
        <translation>لا يتجاوز مجموع الطلبية {limit}: قسّمها.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="47"/>
        <source>Another workstation has held the data this change needs for {seconds} s: nothing was saved. Try again in a moment.</source>
        <translation>يحتجز جهاز آخر البيانات التي يحتاجها هذا التغيير منذ {seconds} ث: لم يُحفظ شيء. حاول من جديد بعد لحظة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="51"/>
        <source>Cannot create the folder for {path}: {reason}.</source>
        <translation>تعذّر إنشاء المجلد لـ{path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="52"/>
        <source>Cannot reach the database server: {reason}.</source>
        <translation>تعذّر الوصول إلى خادم قاعدة البيانات: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="53"/>
        <source>Cannot reach the server {server}: check that it is started and that this computer can reach it on the network ({reason}).</source>
        <translation>تعذّر الوصول إلى الخادم {server}: تحقّق من أنه مشغَّل وأن هذا الحاسوب يصل إليه عبر الشبكة ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="57"/>
        <source>Cannot restore into {path}: {reason}.</source>
        <translation>تعذّرت الاستعادة في {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="58"/>
        <source>Cannot save this workstation&apos;s settings in {path}: {reason}.</source>
        <translation>تعذّر حفظ إعدادات هذا الجهاز في {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="59"/>
        <source>Cannot ship: only {reserved} {product} are reserved, the order needs {needed}. Run `gestco check`.</source>
        <translation>تعذّر الإرسال: المحجوز من {product} هو {reserved} فقط، والطلبية تحتاج إلى {needed}. شغّل `gestco check`.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="63"/>
        <source>Cannot ship: {product} has {on_hand} on hand, the order needs {needed}. Receive stock first.</source>
        <translation>تعذّر الإرسال: في المخزن من {product} {on_hand}، والطلبية تحتاج إلى {needed}. استلم المخزون أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="67"/>
        <source>Cannot write the backup in {directory}: {reason}.</source>
        <translation>تعذّرت كتابة النسخة الاحتياطية في {directory}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="68"/>
        <source>Check the payment&apos;s date.</source>
        <translation>تحقّق من تاريخ الأداء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="69"/>
        <source>Choose JSON or CSV.</source>
        <translation>اختر JSON أو CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="70"/>
        <source>Choose a PNG or JPEG image for the logo.</source>
        <translation>اختر صورة PNG أو JPEG للشعار.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="71"/>
        <source>Choose a channel among: {channels}.</source>
        <translation>اختر قناة من بين: {channels}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="72"/>
        <source>Choose a date.</source>
        <translation>اختر تاريخًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="73"/>
        <source>Choose a product from the catalogue.</source>
        <translation>اختر منتجًا من الكتالوج.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="74"/>
        <source>Choose a product.</source>
        <translation>اختر منتجًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="75"/>
        <source>Choose a role among: {roles}.</source>
        <translation>اختر دورًا من بين: {roles}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="76"/>
        <source>Choose a shipping date.</source>
        <translation>اختر تاريخ الإرسال.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="77"/>
        <source>Choose how it was paid among: {methods}.</source>
        <translation>اختر طريقة الأداء من بين: {methods}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="78"/>
        <source>Choose the day it was paid.</source>
        <translation>اختر يوم الأداء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="79"/>
        <source>Choose the folder to watch.</source>
        <translation>اختر المجلد المراد مراقبته.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="80"/>
        <source>Choose the shop&apos;s country: MA (Morocco) or FR (France).</source>
        <translation>اختر بلد المتجر: MA (المغرب) أو FR (فرنسا).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="81"/>
        <source>Choose what kind of contact this was.</source>
        <translation>اختر نوع هذا التواصل.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="82"/>
        <source>Client details are missing.</source>
        <translation>معلومات الزبون ناقصة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="83"/>
        <source>Clients are imported from CSV or vCard files; this one is JSON.</source>
        <translation>يُستورد الزبناء من ملفات CSV أو vCard؛ وهذا الملف JSON.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="84"/>
        <source>Enter a SKU without spaces, such as CAF-250.</source>
        <translation>أدخل SKU بدون مسافات، مثل CAF-250.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="85"/>
        <source>Enter a date such as 2025-10-07 09:50 or 07/10/2025.</source>
        <translation>أدخل تاريخًا مثل ⁦2025-10-07 09:50⁩ أو ⁦07/10/2025⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="86"/>
        <source>Enter a non-zero whole number (negative to remove).</source>
        <translation>أدخل عددًا صحيحًا غير صفري (سالبًا للسحب).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="87"/>
        <source>Enter a password.</source>
        <translation>أدخل كلمة مرور.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="88"/>
        <source>Enter a percentage between 0 and 100, for example 20.</source>
        <translation>أدخل نسبة مئوية بين 0 و100، مثلًا 20.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="89"/>
        <source>Enter a percentage between 0 and 100.</source>
        <translation>أدخل نسبة مئوية بين 0 و100.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="90"/>
        <source>Enter a price as a number, for example 12.50.</source>
        <translation>أدخل الثمن رقمًا، مثلًا ⁦12.50⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="91"/>
        <source>Enter a quantity of at least 1.</source>
        <translation>أدخل كمية لا تقل عن 1.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="92"/>
        <source>Enter a username.</source>
        <translation>أدخل اسم مستخدم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="93"/>
        <source>Enter a whole number of units, such as 3.</source>
        <translation>أدخل عددًا صحيحًا من الوحدات، مثل 3.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="94"/>
        <source>Enter a whole number of units.</source>
        <translation>أدخل عددًا صحيحًا من الوحدات.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="95"/>
        <source>Enter an amount as a number, for example 12.50.</source>
        <translation>أدخل المبلغ رقمًا، مثلًا ⁦12.50⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="96"/>
        <source>Enter an amount, for example 150.00 (-20.00 refunds).</source>
        <translation>أدخل مبلغًا، مثلًا ⁦150.00⁩ (⁦-20.00⁩ للإرجاع).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="97"/>
        <source>Enter an amount, for example 150.00.</source>
        <translation>أدخل مبلغًا، مثلًا ⁦150.00⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="98"/>
        <source>Enter text here.</source>
        <translation>أدخل نصًا هنا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="99"/>
        <source>Enter the client&apos;s name (last name or first name).</source>
        <translation>أدخل اسم الزبون (الاسم العائلي أو الشخصي).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="100"/>
        <source>Enter the client&apos;s phone number.</source>
        <translation>أدخل رقم هاتف الزبون.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="101"/>
        <source>Enter the country as a two-letter code, such as MA or FR.</source>
        <translation>أدخل البلد برمز من حرفين، مثل MA أو FR.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="102"/>
        <source>Enter the name of the shop&apos;s database on the server.</source>
        <translation>أدخل اسم قاعدة بيانات المتجر على الخادم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="103"/>
        <source>Enter the product&apos;s name.</source>
        <translation>أدخل اسم المنتج.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="104"/>
        <source>Enter the server&apos;s name or address, such as 192.168.1.10.</source>
        <translation>أدخل اسم الخادم أو عنوانه، مثل ⁦192.168.1.10⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="105"/>
        <source>Enter the user name GESTCO connects with.</source>
        <translation>أدخل اسم المستخدم الذي يتصل به GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="106"/>
        <source>Fill in the shop&apos;s details.</source>
        <translation>املأ معلومات المتجر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="107"/>
        <source>GESTCO cannot write in {folder} ({reason}): it moves the files it imports to done/ and failed/, so it imports none while it cannot.</source>
        <translation>لا يستطيع GESTCO الكتابة في {folder} ({reason}): فهو ينقل الملفات التي يستوردها إلى done/ وfailed/، لذا لا يستورد أي ملف ما دام لا يستطيع.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="111"/>
        <source>GESTCO cannot write in {path} ({reason}): it moves the files it imports to done/ and failed/ there. Choose a folder you may write in.</source>
        <translation>لا يستطيع GESTCO الكتابة في {path} ({reason}): فهو ينقل الملفات التي يستوردها إلى done/ وfailed/ هناك. اختر مجلدًا يمكنك الكتابة فيه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="115"/>
        <source>Give a line as SKU:QTY, such as CAF-250:2.</source>
        <translation>أعطِ السطر على شكل SKU:QTY، مثل CAF-250:2.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="116"/>
        <source>Give a postgresql://user:password@host:5432/name URL.</source>
        <translation>أعطِ عنوان URL على شكل postgresql://user:password@host:5432/name.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="117"/>
        <source>Give the date as YYYY-MM-DD, such as 2026-12-02.</source>
        <translation>أعطِ التاريخ على شكل YYYY-MM-DD، مثل ⁦2026-12-02⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="118"/>
        <source>Give the day as YYYY-MM-DD, such as 2026-12-02.</source>
        <translation>أعطِ اليوم على شكل YYYY-MM-DD، مثل ⁦2026-12-02⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="119"/>
        <source>Give the day as YYYY-MM-DD.</source>
        <translation>أعطِ اليوم على شكل YYYY-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="120"/>
        <source>Give the folder&apos;s full path, such as {example}.</source>
        <translation>أعطِ المسار الكامل للمجلد، مثل {example}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="121"/>
        <source>Identify the client first.</source>
        <translation>تعرّف على الزبون أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="122"/>
        <source>Keep this on one line: remove the line breaks and tabs.</source>
        <translation>اجعل هذا في سطر واحد: احذف فواصل الأسطر والجدولات.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="123"/>
        <source>Lines can only change while the order is still to process (pending).</source>
        <translation>لا يمكن تغيير الأسطر إلا ما دامت الطلبية «للمعالجة».</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="126"/>
        <source>Name a PDF file: {path} does not end in .pdf.</source>
        <translation>سمِّ ملف PDF: {path} لا ينتهي بـ.pdf.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="127"/>
        <source>No active operator {username}.</source>
        <translation>لا يوجد مستخدم نشط {username}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="128"/>
        <source>No backup at {path}.</source>
        <translation>لا توجد نسخة احتياطية في {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="129"/>
        <source>No client has the tag {tag}.</source>
        <translation>لا يحمل أي زبون الوسم {tag}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="130"/>
        <source>No client has this number.</source>
        <translation>لا يوجد زبون بهذا الرقم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="131"/>
        <source>No database file at {path}.</source>
        <translation>لا يوجد ملف قاعدة بيانات في {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="132"/>
        <source>No invoice or credit note {number}.</source>
        <translation>لا توجد فاتورة أو إشعار دائن {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="133"/>
        <source>No invoice {number}.</source>
        <translation>لا توجد فاتورة {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="134"/>
        <source>No operator {username}.</source>
        <translation>لا يوجد مستخدم {username}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="135"/>
        <source>No order {number}.</source>
        <translation>لا توجد طلبية {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="136"/>
        <source>No phone for this client, and no client has the e-mail {email}: GESTCO knows its clients by phone.</source>
        <translation>لا هاتف لهذا الزبون، ولا يوجد زبون بالبريد الإلكتروني {email}: يعرف GESTCO زبناءه بالهاتف.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="140"/>
        <source>No product has the SKU {sku}: add it to the catalogue first (an import never creates a product).</source>
        <translation>لا يوجد منتج بـSKU {sku}: أضفه إلى الكتالوج أولًا (الاستيراد لا ينشئ منتجًا أبدًا).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="144"/>
        <source>No terminal to ask the PIN on: give it with --pin-stdin.</source>
        <translation>لا توجد طرفية لطلب الرمز السري: أعطه بـ--pin-stdin.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="145"/>
        <source>No terminal to ask the password on: give it with --password-stdin.</source>
        <translation>لا توجد طرفية لطلب كلمة المرور: أعطها بـ--password-stdin.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="146"/>
        <source>No terminal to confirm on: add --yes to anonymise this client.</source>
        <translation>لا توجد طرفية للتأكيد: أضف --yes لإخفاء هوية هذا الزبون.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="147"/>
        <source>Nobody is signed in on this workstation: sign in first.</source>
        <translation>لا أحد مسجّل الدخول في هذا الجهاز: سجّل الدخول أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="148"/>
        <source>Not allowed for {operator} ({role}): {what}. This needs a {roles}.</source>
        <translation>غير مسموح لـ{operator} ({role}): {what}. يتطلب هذا {roles}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="149"/>
        <source>Nothing was typed: nothing was changed.</source>
        <translation>لم يُكتب شيء: لم يتغير شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="150"/>
        <source>Only {left} of {sku} are left to credit on this invoice, not {asked}.</source>
        <translation>لم يتبق للإرجاع في هذه الفاتورة من {sku} إلا {left}، وليس {asked}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="153"/>
        <source>Only {n} {product} available.</source>
        <translation>المتوفر من {product} {n} فقط.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="154"/>
        <source>Only {on_hand} on hand: cannot remove {n}.</source>
        <translation>في المخزن {on_hand} فقط: لا يمكن سحب {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="155"/>
        <source>Open an order first.</source>
        <translation>افتح طلبية أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="156"/>
        <source>Open {path} once with this GESTCO first (its schema is {found}, this program writes {known}).</source>
        <translation>افتح {path} مرة بهذا الإصدار من GESTCO أولًا (مخططه {found}، وهذا البرنامج يكتب {known}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="160"/>
        <source>Order {order} is in the file twice (first at line {line}): keep one of them.</source>
        <translation>الطلبية {order} موجودة في الملف مرتين (أول مرة في السطر {line}): احتفظ بواحدة منهما.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="163"/>
        <source>Product details are missing.</source>
        <translation>معلومات المنتج ناقصة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="164"/>
        <source>Say whether the client agrees: yes or no.</source>
        <translation>حدّد هل يوافق الزبون: نعم أو لا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="165"/>
        <source>Say why the money is given back.</source>
        <translation>اذكر سبب إرجاع المبلغ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="166"/>
        <source>Say why the order is cancelled.</source>
        <translation>اذكر سبب إلغاء الطلبية.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="167"/>
        <source>Say why the stock is corrected (count, breakage, ...).</source>
        <translation>اذكر سبب تصحيح المخزون (جرد، كسر، ...).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="168"/>
        <source>Someone else changed this client in the meantime: their version is shown, check it and make your change again.</source>
        <translation>غيّر شخص آخر هذا الزبون في الأثناء: نسخته معروضة، تحقّق منها وأعد تغييرك.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="172"/>
        <source>Standard input is not UTF-8 text: nothing was changed.</source>
        <translation>الإدخال القياسي ليس نصًا بترميز UTF-8: لم يتغير شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="173"/>
        <source>That is more than {number} still owes ({due}): nothing was recorded. Give the change back, or record only what is due.</source>
        <translation>هذا أكثر مما يبقى على {number} ({due}): لم يُسجَّل شيء. أرجع الباقي للزبون، أو سجّل المستحق فقط.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="177"/>
        <source>The SKU {sku} is already used.</source>
        <translation>الـSKU {sku} مستعمل من قبل.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="178"/>
        <source>The approval has expired or was already used: ask for it again.</source>
        <translation>انتهت صلاحية الموافقة أو استُعملت من قبل: اطلبها من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="179"/>
        <source>The backup did not pass its check ({problem}); it was deleted.</source>
        <translation>لم تنجح النسخة الاحتياطية في الفحص ({problem})؛ فحُذفت.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="180"/>
        <source>The backup failed: {reason}.</source>
        <translation>فشل النسخ الاحتياطي: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="181"/>
        <source>The bench writes test orders: on a server, give it an empty database of its own (this one holds a shop&apos;s data).</source>
        <translation>تكتب أداة قياس الأداء طلبيات تجريبية: على الخادم، أعطها قاعدة بيانات فارغة خاصة بها (هذه تحتوي على بيانات متجر).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="185"/>
        <source>The change notices from the server stopped: {reason}.</source>
        <translation>توقفت إشعارات التغيير من الخادم: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="186"/>
        <source>The client has neither a phone nor an e-mail: add one of them.</source>
        <translation>ليس للزبون هاتف ولا بريد إلكتروني: أضف أحدهما.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="187"/>
        <source>The columns of this file are not those of GESTCO&apos;s clients, Google Contacts or Outlook: see docs/import-format.md.</source>
        <translation>أعمدة هذا الملف ليست أعمدة زبناء GESTCO ولا Google Contacts ولا Outlook: انظر docs/import-format.md.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="191"/>
        <source>The columns of this file are not those of a Shopify or WooCommerce export, nor GESTCO&apos;s format: choose the format, or see docs/import-format.md.</source>
        <translation>أعمدة هذا الملف ليست أعمدة تصدير Shopify أو WooCommerce، ولا صيغة GESTCO: اختر الصيغة، أو انظر docs/import-format.md.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="195"/>
        <source>The command line has no password of its own.</source>
        <translation>ليست لسطر الأوامر كلمة مرور خاصة به.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="196"/>
        <source>The connection to the database server was lost: nothing was saved. GESTCO reconnects by itself; try again in a moment.</source>
        <translation>انقطع الاتصال بخادم قاعدة البيانات: لم يُحفظ شيء. يعيد GESTCO الاتصال تلقائيًا؛ حاول من جديد بعد لحظة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="200"/>
        <source>The copied database fails its check: {problem}</source>
        <translation>لم تنجح قاعدة البيانات المنسوخة في الفحص: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="201"/>
        <source>The copy could not run: {reason}.</source>
        <translation>تعذّر تشغيل النسخ: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="202"/>
        <source>The copy of {table} does not match: {here} rows here, {there} there.</source>
        <translation>نسخة {table} غير مطابقة: عدد الصفوف هنا {here}، وهناك {there}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="205"/>
        <source>The copy to the server failed: {reason}</source>
        <translation>فشل النسخ إلى الخادم: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="206"/>
        <source>The database file cannot be written (read-only disk or file): nothing was saved.</source>
        <translation>لا يمكن الكتابة في ملف قاعدة البيانات (قرص أو ملف للقراءة فقط): لم يُحفظ شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="209"/>
        <source>The database file is damaged or unreadable ({reason}): nothing was saved. Restore a backup (Tools menu, or `gestco restore`).</source>
        <translation>ملف قاعدة البيانات تالف أو غير مقروء ({reason}): لم يُحفظ شيء. استعد نسخة احتياطية (قائمة أدوات، أو `gestco restore`).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="213"/>
        <source>The database file was replaced (a backup was restored meanwhile): nothing was saved. GESTCO reloads it; try again in a moment.</source>
        <translation>استُبدل ملف قاعدة البيانات (استُعيدت نسخة احتياطية في الأثناء): لم يُحفظ شيء. يعيد GESTCO تحميله؛ حاول من جديد بعد لحظة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="217"/>
        <source>The database is busy with another workstation: nothing was saved. Try again.</source>
        <translation>قاعدة البيانات مشغولة بجهاز آخر: لم يُحفظ شيء. حاول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="220"/>
        <source>The database refused the change ({reason}): nothing was saved.</source>
        <translation>رفضت قاعدة البيانات التغيير ({reason}): لم يُحفظ شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="221"/>
        <source>The decimal mark is a point or a comma.</source>
        <translation>الفاصلة العشرية نقطة أو فاصلة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="222"/>
        <source>The delimiter is one of: comma, semicolon, tab.</source>
        <translation>الفاصل أحد ما يلي: فاصلة، فاصلة منقوطة، جدولة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="223"/>
        <source>The demo needs an empty database: choose a new file with --db.</source>
        <translation>يحتاج العرض التجريبي إلى قاعدة بيانات فارغة: اختر ملفًا جديدًا بـ--db.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="224"/>
        <source>The deposit ({deposit}) is more than the order&apos;s total ({total}): nothing was recorded.</source>
        <translation>التسبيق ({deposit}) أكبر من مجموع الطلبية ({total}): لم يُسجَّل شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="228"/>
        <source>The discount is larger than the line&apos;s amount.</source>
        <translation>التخفيض أكبر من مبلغ السطر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="229"/>
        <source>The disk holding {path} is full. Nothing was changed: free some space, then try again.</source>
        <translation>القرص الذي يحوي {path} ممتلئ. لم يتغير شيء: حرّر بعض المساحة، ثم حاول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="233"/>
        <source>The disk is full: nothing was saved. Free some space, then try again.</source>
        <translation>القرص ممتلئ: لم يُحفظ شيء. حرّر بعض المساحة، ثم حاول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="236"/>
        <source>The document numbers of {year} are used up ({n}): no more can be issued this year.</source>
        <translation>نفدت أرقام مستندات سنة {year} ({n}): لا يمكن إصدار المزيد هذه السنة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="239"/>
        <source>The file has no column {columns}: GESTCO&apos;s format needs order_ref, sku and quantity (docs/import-format.md).</source>
        <translation>ليس في الملف عمود {columns}: تحتاج صيغة GESTCO إلى order_ref وsku وquantity (docs/import-format.md).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="243"/>
        <source>The file has no column {columns}: is it Shopify&apos;s orders export?</source>
        <translation>ليس في الملف عمود {columns}: هل هو تصدير طلبيات Shopify؟</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="244"/>
        <source>The file has no rows: export the data again.</source>
        <translation>ليس في الملف أي صف: صدّر البيانات من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="245"/>
        <source>The file is empty: export the data again.</source>
        <translation>الملف فارغ: صدّر البيانات من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="246"/>
        <source>The file is not valid JSON from this line on ({detail}): nothing after it can be read. Export the file again.</source>
        <translation>الملف ليس JSON صالحًا ابتداءً من هذا السطر ({detail}): لا يمكن قراءة ما بعده. صدّر الملف من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="250"/>
        <source>The first line of the file cannot be read as column names: check that it is a CSV file.</source>
        <translation>لا يمكن قراءة السطر الأول من الملف كأسماء أعمدة: تحقّق من أنه ملف CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="254"/>
        <source>The invoice has no line {sku}.</source>
        <translation>ليس في الفاتورة سطر {sku}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="255"/>
        <source>The logo is {size} KB: choose an image of at most {most} KB.</source>
        <translation>حجم الشعار {size} KB: اختر صورة لا تتجاوز {most} KB.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="256"/>
        <source>The order has no date.</source>
        <translation>ليس للطلبية تاريخ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="257"/>
        <source>The order has received {paid} in payments, more than these lines cost ({total}): refund the difference first.</source>
        <translation>قبضت الطلبية {paid} من الأداءات، أكثر من ثمن هذه الأسطر ({total}): أرجع الفرق أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="261"/>
        <source>The order numbers of {year} are used up ({n} orders): no more can be recorded this year.</source>
        <translation>نفدت أرقام طلبيات سنة {year} ({n} طلبية): لا يمكن تسجيل المزيد هذه السنة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="265"/>
        <source>The port is a number from 1 to 65535 (usually 5432).</source>
        <translation>المنفذ عدد من 1 إلى 65535 (عادةً 5432).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="266"/>
        <source>The prices of this order are without tax and the file does not say which tax applies to this line: enter the order by hand.</source>
        <translation>أثمان هذه الطلبية خارج الرسوم والملف لا يحدد الضريبة المطبقة على هذا السطر: أدخل الطلبية يدويًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="270"/>
        <source>The rows of order {order} are not together in the file: keep each order&apos;s rows one after the other (sort by {column}).</source>
        <translation>صفوف الطلبية {order} ليست متتالية في الملف: اجعل صفوف كل طلبية واحدًا تلو الآخر (رتّب حسب {column}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="274"/>
        <source>The server address {url} cannot be read: the port must be a number from 1 to 65535, and an IPv6 address goes in brackets ([::1]:5432).</source>
        <translation>تعذّرت قراءة عنوان الخادم {url}: يجب أن يكون المنفذ عددًا من 1 إلى 65535، وعنوان IPv6 يوضع بين معقوفين ([::1]:5432).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="278"/>
        <source>The server {server} has no database named {database}: ask for it to be created.</source>
        <translation>ليس في الخادم {server} قاعدة بيانات باسم {database}: اطلب إنشاءها.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="281"/>
        <source>The server {server} refused the user {user} or its password: check them.</source>
        <translation>رفض الخادم {server} المستخدم {user} أو كلمة مروره: تحقّق منهما.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="284"/>
        <source>The server&apos;s database is not empty: migrate into a new, empty one.</source>
        <translation>قاعدة بيانات الخادم ليست فارغة: انقل البيانات إلى قاعدة بيانات جديدة وفارغة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="285"/>
        <source>The shipping date cannot be before the order date ({day}).</source>
        <translation>لا يمكن أن يسبق تاريخ الإرسال تاريخ الطلبية ({day}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="286"/>
        <source>The two PINs differ: nothing was changed.</source>
        <translation>الرمزان السريان مختلفان: لم يتغير شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="287"/>
        <source>The two passwords differ: nothing was changed.</source>
        <translation>كلمتا المرور مختلفتان: لم يتغير شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="288"/>
        <source>The username {username} is taken.</source>
        <translation>اسم المستخدم {username} مأخوذ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="289"/>
        <source>The watched folder {folder} cannot be read: {reason}.</source>
        <translation>تعذّرت قراءة المجلد المراقَب {folder}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="290"/>
        <source>The watched folder {folder} does not exist (removed, renamed or on a drive not connected): nothing imported.</source>
        <translation>المجلد المراقَب {folder} غير موجود (محذوف، أو أُعيدت تسميته، أو على قرص غير موصول): لم يُستورد شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="294"/>
        <source>The watched folder {folder} is a file, not a folder.</source>
        <translation>المجلد المراقَب {folder} ملف، وليس مجلدًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="295"/>
        <source>There is no database at {path}: check the path (--db or GESTCO_DB). Nothing was created.</source>
        <translation>لا توجد قاعدة بيانات في {path}: تحقّق من المسار (--db أو GESTCO_DB). لم يُنشأ شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="299"/>
        <source>There is no folder {path}.</source>
        <translation>لا يوجد مجلد {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="300"/>
        <source>There is no standard input to read from.</source>
        <translation>لا يوجد إدخال قياسي للقراءة منه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="301"/>
        <source>There is no standard output here: add --output FILE.</source>
        <translation>لا يوجد إخراج قياسي هنا: أضف --output FILE.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="302"/>
        <source>This ICE&apos;s check digits are wrong: check the number.</source>
        <translation>أرقام التحقق في هذا الـICE خاطئة: تحقّق من الرقم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="303"/>
        <source>This JSON file holds no list named {key}: is it the right export?</source>
        <translation>لا يحتوي ملف JSON هذا على قائمة باسم {key}: هل هو التصدير الصحيح؟</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="304"/>
        <source>This JSON file is not a WooCommerce export of orders nor GESTCO&apos;s format: see docs/import-format.md.</source>
        <translation>ملف JSON هذا ليس تصدير طلبيات من WooCommerce ولا بصيغة GESTCO: انظر docs/import-format.md.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="308"/>
        <source>This WooCommerce export has no line items: choose a format that includes them (one row per item, or the items&apos; columns).</source>
        <translation>تصدير WooCommerce هذا لا يحتوي على أسطر منتجات: اختر صيغة تتضمنها (صف لكل منتج، أو أعمدة المنتجات).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="312"/>
        <source>This backup cannot be restored: {problem}.</source>
        <translation>لا يمكن استعادة هذه النسخة الاحتياطية: {problem}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="313"/>
        <source>This client is already anonymised.</source>
        <translation>هوية هذا الزبون مخفاة من قبل.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="314"/>
        <source>This client no longer exists.</source>
        <translation>هذا الزبون لم يعد موجودًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="315"/>
        <source>This client was anonymised: nothing can be added.</source>
        <translation>أُخفيت هوية هذا الزبون: لا يمكن إضافة شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="316"/>
        <location filename="../../ui/tabs/identify.py" line="317"/>
        <source>This client was anonymised: their details can no longer change.</source>
        <translation>أُخفيت هوية هذا الزبون: لم يعد بالإمكان تغيير معلوماته.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="317"/>
        <source>This computer&apos;s clock says the year is {year}: set its date and time right, then issue the document again.</source>
        <translation>تقول ساعة هذا الحاسوب إن السنة هي {year}: اضبط تاريخه ووقته، ثم أصدر المستند من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="321"/>
        <source>This computer&apos;s clock says the year is {year}: set its date and time right, then record the order again.</source>
        <translation>تقول ساعة هذا الحاسوب إن السنة هي {year}: اضبط تاريخه ووقته، ثم سجّل الطلبية من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="325"/>
        <source>This credit note cannot be issued: the shop&apos;s settings lack {lacking}.</source>
        <translation>لا يمكن إصدار هذا الإشعار الدائن: إعدادات المتجر ينقصها {lacking}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="328"/>
        <source>This database holds {n} orders, the most it can: start a new database.</source>
        <translation>تحتوي قاعدة البيانات هذه على {n} طلبية، وهو أقصى ما تستوعبه: ابدأ قاعدة بيانات جديدة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="331"/>
        <source>This database was written by a newer GESTCO (schema {found}, this program knows up to {known}). Install the newer GESTCO; the file was not changed.</source>
        <translation>كُتبت قاعدة البيانات هذه بإصدار أحدث من GESTCO (المخطط {found}، وهذا البرنامج يعرف حتى {known}). ثبّت GESTCO الأحدث؛ لم يتغير الملف.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="335"/>
        <source>This date is not plausible: check the year.</source>
        <translation>هذا التاريخ غير معقول: تحقّق من السنة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="336"/>
        <source>This document cannot be printed: the shop&apos;s settings lack {lacking}.</source>
        <translation>لا يمكن طباعة هذا المستند: إعدادات المتجر ينقصها {lacking}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="339"/>
        <source>This e-mail address is not valid: it looks like name@example.com.</source>
        <translation>عنوان البريد الإلكتروني هذا غير صالح: يكون على شكل name@example.com.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="340"/>
        <source>This element of the list is not an order: it is skipped.</source>
        <translation>هذا العنصر من القائمة ليس طلبية: يُتجاوز.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="341"/>
        <source>This file is an SQLite database of another program, not GESTCO&apos;s.</source>
        <translation>هذا الملف قاعدة بيانات SQLite لبرنامج آخر، وليس لـGESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="342"/>
        <source>This file is compressed (gzip): uncompress it, then import the file inside.</source>
        <translation>هذا الملف مضغوط (gzip): فك ضغطه، ثم استورد الملف الذي بداخله.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="345"/>
        <source>This file is not a JSON export of orders or clients: it should hold a list in square brackets.</source>
        <translation>هذا الملف ليس تصدير JSON لطلبيات أو زبناء: يجب أن يحتوي على قائمة بين معقوفين.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="349"/>
        <source>This file is not text (it holds binary data): import a CSV or JSON file exported from the shop.</source>
        <translation>هذا الملف ليس نصًا (يحتوي على بيانات ثنائية): استورد ملف CSV أو JSON مُصدَّرًا من المتجر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="353"/>
        <source>This holds a character no keyboard types ({code}): type it again.</source>
        <translation>يحتوي هذا على حرف لا تكتبه أي لوحة مفاتيح ({code}): أعد كتابته.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="354"/>
        <source>This invoice cannot be issued: the shop&apos;s settings lack {lacking}.</source>
        <translation>لا يمكن إصدار هذه الفاتورة: إعدادات المتجر ينقصها {lacking}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="355"/>
        <source>This is a PDF document: export the data from the shop as CSV or JSON instead.</source>
        <translation>هذا مستند PDF: صدّر البيانات من المتجر بصيغة CSV أو JSON بدلًا منه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="358"/>
        <source>This is a database file, not an export: to work in a GESTCO database, open it from the File menu.</source>
        <translation>هذا ملف قاعدة بيانات، وليس تصديرًا: للعمل في قاعدة بيانات GESTCO، افتحها من قائمة ملف.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="362"/>
        <source>This is a file of orders: import it as orders, not clients.</source>
        <translation>هذا ملف طلبيات: استورده كطلبيات، وليس كزبناء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="363"/>
        <source>This is a vCard file (contacts): import it as clients, not orders.</source>
        <translation>هذا ملف vCard (جهات اتصال): استورده كزبناء، وليس كطلبيات.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="364"/>
        <source>This is a web page, not an export: use the shop&apos;s Export button and import the file it downloads.</source>
        <translation>هذه صفحة ويب، وليست تصديرًا: استعمل زر التصدير في المتجر واستورد الملف الذي ينزّله.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="368"/>
        <source>This is a workbook (Excel, LibreOffice) or a ZIP archive, not a CSV file: open it in the spreadsheet, save it as CSV (UTF-8), then import that file.</source>
        <translation>هذا مصنف (Excel، LibreOffice) أو أرشيف ZIP، وليس ملف CSV: افتحه في برنامج الجداول، واحفظه بصيغة CSV (UTF-8)، ثم استورد ذلك الملف.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="372"/>
        <source>This is an old Excel (.xls) or Word file: open it, save it as CSV (UTF-8), then import that file.</source>
        <translation>هذا ملف Excel قديم (.xls) أو Word: افتحه، واحفظه بصيغة CSV (UTF-8)، ثم استورد ذلك الملف.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="376"/>
        <source>This is not a phone number: type it as 06 12 34 56 78 or +212 6 12 34 56 78.</source>
        <translation>هذا ليس رقم هاتف: اكتبه هكذا ⁦06 12 34 56 78⁩ أو ⁦+212 6 12 34 56 78⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="379"/>
        <source>This line cannot be read as CSV (a quote left open, or a value far too long): check it in the file.</source>
        <translation>لا يمكن قراءة هذا السطر كـCSV (علامة تنصيص مفتوحة، أو قيمة طويلة جدًا): تحقّق منه في الملف.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="383"/>
        <source>This line cannot be read: the file stops here.</source>
        <translation>لا يمكن قراءة هذا السطر: الملف يتوقف هنا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="384"/>
        <source>This line has no SKU: every line needs the product&apos;s SKU.</source>
        <translation>ليس لهذا السطر SKU: كل سطر يحتاج إلى SKU المنتج.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="385"/>
        <source>This line has {found} values but the first line names {columns} columns: a delimiter or a quote is probably missing.</source>
        <translation>في هذا السطر {found} من القيم لكن السطر الأول يسمّي {columns} من الأعمدة: ربما ينقص فاصل أو علامة تنصيص.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="389"/>
        <source>This line holds characters in another encoding than the rest of the file: save the file again as CSV (UTF-8).</source>
        <translation>يحتوي هذا السطر على حروف بترميز غير ترميز باقي الملف: احفظ الملف من جديد بصيغة CSV (UTF-8).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="393"/>
        <source>This line is not a product line.</source>
        <translation>هذا السطر ليس سطر منتج.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="394"/>
        <source>This line of the vCard cannot be read: the contact is skipped.</source>
        <translation>لا يمكن قراءة هذا السطر من الـvCard: تُتجاوز جهة الاتصال.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="395"/>
        <source>This name holds an invisible character ({code}) that can disguise it: type it rather than pasting it.</source>
        <translation>يحتوي هذا الاسم على حرف غير مرئي ({code}) يمكن أن يخفيه: اكتبه بدل لصقه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="399"/>
        <source>This number already belongs to {name}.</source>
        <translation>هذا الرقم يخص {name} من قبل.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="400"/>
        <source>This number does not exist: check the digits and the country code.</source>
        <translation>هذا الرقم غير موجود: تحقّق من الأرقام ومن رمز البلد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="401"/>
        <source>This number is far too large: check it.</source>
        <translation>هذا العدد كبير جدًا: تحقّق منه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="402"/>
        <source>This number&apos;s check digit is wrong: check it.</source>
        <translation>رقم التحقق في هذا الرقم خاطئ: تحقّق منه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="403"/>
        <source>This operator is disabled: ask an administrator.</source>
        <translation>هذا المستخدم معطّل: اطلب مسؤول النظام.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="404"/>
        <source>This order gives no phone for its client, and no client has its e-mail ({email}): GESTCO knows its clients by phone. Add the phone at the shop, or record the client first.</source>
        <translation>لا تعطي هذه الطلبية هاتفًا لزبونها، ولا يوجد زبون ببريدها الإلكتروني ({email}): يعرف GESTCO زبناءه بالهاتف. أضف الهاتف في المتجر، أو سجّل الزبون أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="408"/>
        <source>This order has no id: is it a REST export?</source>
        <translation>ليس لهذه الطلبية id: هل هو تصدير REST؟</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="409"/>
        <source>This order has no lines.</source>
        <translation>ليس لهذه الطلبية أسطر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="410"/>
        <source>This order has no order_ref: every order needs one.</source>
        <translation>ليس لهذه الطلبية order_ref: كل طلبية تحتاج إلى واحد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="411"/>
        <source>This order is a draft at the shop (never placed): it is not imported.</source>
        <translation>هذه الطلبية مسودة في المتجر (لم تُقدَّم قط): لا تُستورد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="414"/>
        <source>This order no longer exists.</source>
        <translation>هذه الطلبية لم تعد موجودة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="415"/>
        <source>This phone is already on line {line} of the file: that client is kept, this one is not.</source>
        <translation>هذا الهاتف موجود من قبل في السطر {line} من الملف: يُحتفظ بذلك الزبون، وليس بهذا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="419"/>
        <source>This product does not exist.</source>
        <translation>هذا المنتج غير موجود.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="420"/>
        <source>This row has no order reference ({column}): every row names its order.</source>
        <translation>ليس لهذا الصف مرجع طلبية ({column}): كل صف يسمّي طلبيته.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="423"/>
        <source>This row says {value} where the order&apos;s first row (line {line}) says {first}: are these two orders?</source>
        <translation>يقول هذا الصف {value} بينما يقول الصف الأول للطلبية (السطر {line}) {first}: هل هاتان طلبيتان؟</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="427"/>
        <source>This server address cannot be read: write it as {example}.</source>
        <translation>تعذّرت قراءة عنوان الخادم هذا: اكتبه هكذا {example}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="428"/>
        <source>This server database holds another program&apos;s tables, not GESTCO&apos;s: give GESTCO a database of its own.</source>
        <translation>تحتوي قاعدة بيانات الخادم هذه على جداول برنامج آخر، وليس GESTCO: أعطِ GESTCO قاعدة بيانات خاصة به.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="432"/>
        <source>This setting cannot be {value}.</source>
        <translation>لا يمكن أن يكون هذا الإعداد {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="433"/>
        <source>This shop already has its administrator: sign in instead.</source>
        <translation>لهذا المتجر مسؤول نظام من قبل: سجّل الدخول بدلًا من ذلك.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="434"/>
        <source>This tag holds an invisible or unknown character ({code}): type it rather than pasting it.</source>
        <translation>يحتوي هذا الوسم على حرف غير مرئي أو غير معروف ({code}): اكتبه بدل لصقه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="438"/>
        <source>This text contains a character that cannot be stored (code {code}): retype it rather than pasting it.</source>
        <translation>يحتوي هذا النص على حرف لا يمكن حفظه (الرمز {code}): أعد كتابته بدل لصقه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="442"/>
        <source>This vCard has no END:VCARD line: it is skipped.</source>
        <translation>ليس في هذه الـvCard سطر END:VCARD: تُتجاوز.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="443"/>
        <source>This workstation is locked: sign in to unlock it.</source>
        <translation>هذا الجهاز مقفل: سجّل الدخول لفتح قفله.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="444"/>
        <source>Too long: at most {n} characters.</source>
        <translation>طويل جدًا: عدد الحروف {n} على الأكثر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="445"/>
        <source>Too many decimal places: check the number.</source>
        <translation>أرقام عشرية كثيرة جدًا: تحقّق من العدد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="446"/>
        <source>Too many wrong attempts: wait {seconds} s, then try again.</source>
        <translation>محاولات خاطئة كثيرة جدًا: انتظر {seconds} ث، ثم حاول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="447"/>
        <source>Type an e-mail address such as contact@boutique.ma.</source>
        <translation>اكتب عنوان بريد إلكتروني مثل contact@boutique.ma.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="448"/>
        <source>Type an intra-EU VAT number with its country, such as FR40303265045.</source>
        <translation>اكتب رقم TVA داخل الاتحاد الأوروبي مع بلده، مثل FR40303265045.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="451"/>
        <source>Type an invoice number such as FAC-2026-000042 (a credit note: AV-…).</source>
        <translation>اكتب رقم فاتورة مثل FAC-2026-000042 (إشعار دائن: AV-…).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="454"/>
        <source>Type an order number such as CMD-2026-000042 (or 2026-42).</source>
        <translation>اكتب رقم طلبية مثل CMD-2026-000042 (أو ⁦2026-42⁩).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="455"/>
        <source>Type digits only (at most {n}).</source>
        <translation>اكتب أرقامًا فقط ({n} على الأكثر).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="456"/>
        <source>Type the RC number as the court gave it, such as 123456.</source>
        <translation>اكتب رقم السجل التجاري (RC) كما أعطته المحكمة، مثل 123456.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="457"/>
        <source>Type the tag, such as VIP or grossiste.</source>
        <translation>اكتب الوسم، مثل VIP أو بالجملة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="458"/>
        <source>Type your PIN.</source>
        <translation>اكتب رمزك السري.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="459"/>
        <source>Type your password.</source>
        <translation>اكتب كلمة مرورك.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="460"/>
        <source>Type your username.</source>
        <translation>اكتب اسم المستخدم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="461"/>
        <source>Unknown channel.</source>
        <translation>قناة غير معروفة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="462"/>
        <source>Unknown encoding {encoding}: use utf-8, cp1252 or latin-1.</source>
        <translation>ترميز غير معروف {encoding}: استعمل utf-8 أو cp1252 أو latin-1.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="463"/>
        <source>Unknown format {format}: use auto, gestco, google, outlook or vcard.</source>
        <translation>صيغة غير معروفة {format}: استعمل auto أو gestco أو google أو outlook أو vcard.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="466"/>
        <source>Unknown format {format}: use auto, shopify, woocommerce or gestco.</source>
        <translation>صيغة غير معروفة {format}: استعمل auto أو shopify أو woocommerce أو gestco.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="467"/>
        <source>Unknown order status {status}: GESTCO knows {known}.</source>
        <translation>حالة طلبية غير معروفة {status}: يعرف GESTCO {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="468"/>
        <source>Unknown status.</source>
        <translation>حالة غير معروفة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="469"/>
        <source>Unknown value {value}: use one of {known}.</source>
        <translation>قيمة غير معروفة {value}: استعمل إحدى {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="470"/>
        <source>Write the note first.</source>
        <translation>اكتب الملاحظة أولًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="471"/>
        <source>Wrong password: it was not changed.</source>
        <translation>كلمة مرور خاطئة: لم تُغيَّر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="472"/>
        <source>Wrong username or PIN.</source>
        <translation>اسم المستخدم أو الرمز السري خاطئ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="473"/>
        <source>Wrong username or password.</source>
        <translation>اسم المستخدم أو كلمة المرور خاطئة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="474"/>
        <source>XLSX needs a file: add --output FILE.xlsx.</source>
        <translation>تحتاج XLSX إلى ملف: أضف --output FILE.xlsx.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="475"/>
        <source>migrate-to copies a SQLite file: name it with --db.</source>
        <translation>migrate-to ينسخ ملف SQLite: سمِّه بـ--db.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="476"/>
        <source>vCards hold clients: gestco export clients --format vcard.</source>
        <translation>تحتوي ملفات vCard على زبناء: gestco export clients --format vcard.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="477"/>
        <source>{external} ({number}) is {status}, and the shop now says {source_status}: an order cannot go back there, GESTCO&apos;s status is kept.</source>
        <translation>{external} ({number}) في حالة {status}، والمتجر يقول الآن {source_status}: لا يمكن للطلبية الرجوع إلى هناك، ويُحتفظ بحالة GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="481"/>
        <source>{external} ({number}) was moved to {status} in GESTCO since the last import, and the shop now says {source_status}: GESTCO&apos;s status is kept.</source>
        <translation>نُقلت {external} ({number}) إلى {status} في GESTCO منذ آخر استيراد، والمتجر يقول الآن {source_status}: يُحتفظ بحالة GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="485"/>
        <source>{file} was imported, but it cannot be filed in {folder}: {reason}. It waits in {aside} and is filed at the next pass.</source>
        <translation>استُورد {file}، لكن لا يمكن ترتيبه في {folder}: {reason}. ينتظر في {aside} ويُرتَّب في الدورة القادمة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="489"/>
        <source>{file} was not imported: {reason}</source>
        <translation>لم يُستورد {file}: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="490"/>
        <source>{number} holds {received} paid: a refund cannot give back more.</source>
        <translation>المدفوع في {number} هو {received}: لا يمكن أن يُرجع الاسترداد أكثر من ذلك.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="491"/>
        <source>{number} is cancelled: it cannot be invoiced.</source>
        <translation>{number} ملغاة: لا يمكن فوترتها.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="492"/>
        <source>{number} is cancelled: it takes no payment.</source>
        <translation>{number} ملغاة: لا تقبل أي أداء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="493"/>
        <source>{number} is credited in full already.</source>
        <translation>صدر من قبل إشعار دائن بكامل {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="494"/>
        <source>{number} is invoiced already ({invoice}): credit that invoice in full to issue another.</source>
        <translation>{number} مفوترة من قبل ({invoice}): أصدر إشعارًا دائنًا بكامل تلك الفاتورة لإصدار فاتورة أخرى.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="498"/>
        <source>{number} is not a credit note: give an AV-… number.</source>
        <translation>{number} ليس إشعارًا دائنًا: أعطِ رقمًا من نوع AV-….</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="499"/>
        <source>{number} is not an invoice: give a FAC-… number, or the order&apos;s.</source>
        <translation>{number} ليس فاتورة: أعطِ رقمًا من نوع FAC-…، أو رقم الطلبية.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="500"/>
        <source>{number} is {status}: it cannot become {target}. Allowed: {choices}.</source>
        <translation>{number} في حالة {status}: لا يمكن أن تصبح {target}. المسموح: {choices}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="503"/>
        <source>{number} was changed by someone else in the meantime (now {status}): it has been reloaded, make your change again.</source>
        <translation>غيّر شخص آخر {number} في الأثناء (الآن {status}): أُعيد تحميلها، أعد تغييرك.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="507"/>
        <source>{operator} ({role}) cannot approve this: ask a {roles}.</source>
        <translation>لا يستطيع {operator} ({role}) الموافقة على هذا: اطلب {roles}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="508"/>
        <source>{operator} can no longer sign in here (disabled or removed): sign in again.</source>
        <translation>لم يعد بإمكان {operator} تسجيل الدخول هنا (معطّل أو محذوف): سجّل الدخول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="511"/>
        <source>{option}: give the day as YYYY-MM-DD, such as 2026-12-02.</source>
        <translation>{option}: أعطِ اليوم على شكل YYYY-MM-DD، مثل ⁦2026-12-02⁩.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="512"/>
        <source>{option}: {day} is not a day of the calendar.</source>
        <translation>{option}: {day} ليس يومًا من التقويم.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="513"/>
        <source>{path} cannot be read: {reason}.</source>
        <translation>تعذّرت قراءة {path}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="514"/>
        <source>{path} cannot be written: the file, its folder or its disk is read-only. Nothing was changed: make it writable (or copy it to a folder of yours), then try again.</source>
        <translation>لا يمكن الكتابة في {path}: الملف أو مجلده أو قرصه للقراءة فقط. لم يتغير شيء: اجعله قابلًا للكتابة (أو انسخه إلى مجلد خاص بك)، ثم حاول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="518"/>
        <source>{path} could not be checked: another program keeps it locked.</source>
        <translation>تعذّر فحص {path}: برنامج آخر يبقيه مقفلًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="519"/>
        <source>{path} exists and is not a PDF: choose another name.</source>
        <translation>{path} موجود وليس PDF: اختر اسمًا آخر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="520"/>
        <source>{path} is a database or a backup: export to another file.</source>
        <translation>{path} قاعدة بيانات أو نسخة احتياطية: صدّر إلى ملف آخر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="521"/>
        <source>{path} is a file, not a folder.</source>
        <translation>{path} ملف، وليس مجلدًا.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="522"/>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} مجلد، وليس ملف قاعدة بيانات.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="523"/>
        <source>{path} is a folder: name a PDF file.</source>
        <translation>{path} مجلد: سمِّ ملف PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="524"/>
        <source>{path} is an SQLite database of another program, not GESTCO&apos;s (no {table} table). It was not changed.</source>
        <translation>{path} قاعدة بيانات SQLite لبرنامج آخر، وليست لـGESTCO (لا يوجد جدول {table}). لم تُغيَّر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="528"/>
        <source>{path} is damaged ({detail}). It was left untouched: restore a backup or open another file.</source>
        <translation>{path} تالف ({detail}). تُرك كما هو: استعد نسخة احتياطية أو افتح ملفًا آخر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="532"/>
        <source>{path} is in use by another program that keeps it locked. Nothing was changed: close that program (or wait for it to finish), then try again.</source>
        <translation>{path} مستعمل من طرف برنامج آخر يبقيه مقفلًا. لم يتغير شيء: أغلق ذلك البرنامج (أو انتظر حتى ينتهي)، ثم حاول من جديد.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="536"/>
        <source>{path} is missing but its write-ahead log ({path}-wal) is still there: it may hold the latest orders. Put the database file back (or restore a backup); GESTCO will not start a new database over it.</source>
        <translation>{path} مفقود لكن سجل الكتابة المسبقة الخاص به ({path}-wal) لا يزال موجودًا: قد يحتوي على آخر الطلبيات. أعد ملف قاعدة البيانات إلى مكانه (أو استعد نسخة احتياطية)؛ لن يبدأ GESTCO قاعدة بيانات جديدة فوقه.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="540"/>
        <source>{path} is not a GESTCO database or is damaged ({reason}).</source>
        <translation>{path} ليس قاعدة بيانات GESTCO أو هو تالف ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="541"/>
        <source>{path} is on a network share ({where}). SQLite&apos;s file locking is not reliable there and orders could be lost: keep the database on this computer&apos;s own disk (several workstations: use a PostgreSQL server).</source>
        <translation>{path} على مجلد مشترك في الشبكة ({where}). قفل الملفات في SQLite غير موثوق هناك وقد تضيع الطلبيات: احتفظ بقاعدة البيانات على قرص هذا الحاسوب (عدة أجهزة: استعمل خادم PostgreSQL).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="545"/>
        <source>{path} is the shop&apos;s database or one of its files: export to another file.</source>
        <translation>{path} هو قاعدة بيانات المتجر أو أحد ملفاتها: صدّر إلى ملف آخر.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="548"/>
        <source>{phone} is {name} in GESTCO, the file says {other}: GESTCO&apos;s client is kept.</source>
        <translation>{phone} هو {name} في GESTCO، والملف يقول {other}: يُحتفظ بزبون GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="551"/>
        <source>{product} is no longer sold (inactive).</source>
        <translation>{product} لم يعد يُباع (غير نشط).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="552"/>
        <source>{product} would have more than {n} units on hand: check the quantity.</source>
        <translation>سيصبح في المخزن من {product} أكثر من {n} وحدة: تحقّق من الكمية.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="555"/>
        <source>{reason} Try again in a moment; nothing was saved.</source>
        <translation>{reason} حاول من جديد بعد لحظة؛ لم يُحفظ شيء.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="556"/>
        <source>{reserved} units are reserved by open orders: on-hand cannot go below that (it would become {result}).</source>
        <translation>عدد الوحدات المحجوزة لطلبيات مفتوحة {reserved}: لا يمكن أن ينزل المخزون عن ذلك (سيصبح {result}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="560"/>
        <source>{rows} rows do not fit in one Excel sheet (1,048,575 at most): use CSV.</source>
        <translation>عدد الصفوف ({rows}) لا تسعه ورقة Excel واحدة (⁦1,048,575⁩ على الأكثر): استعمل CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="563"/>
        <source>{sku} is given twice: give it once.</source>
        <translation>{sku} مذكور مرتين: اذكره مرة واحدة.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="564"/>
        <source>{tool} could not run: {reason}.</source>
        <translation>تعذّر تشغيل {tool}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="565"/>
        <source>{tool} failed: {reason}.</source>
        <translation>فشل {tool}: {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="566"/>
        <source>{tool} was not found on this computer: install PostgreSQL&apos;s client tools, or set GESTCO_PG_BIN to the folder that holds them.</source>
        <translation>لم يُعثر على {tool} في هذا الحاسوب: ثبّت أدوات عميل PostgreSQL، أو اضبط GESTCO_PG_BIN على المجلد الذي يحتويها.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="570"/>
        <source>{username} is the last active admin: make another admin first.</source>
        <translation>{username} هو آخر مسؤول نظام نشط: عيّن مسؤول نظام آخر أولًا.</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/runtime/crash.py" line="102"/>
        <source>Something unexpected happened ({error}). Your saved work is safe; the action in progress may not have finished. Details for support: {log}</source>
        <translation>حدث شيء غير متوقع ({error}). عملك المحفوظ في أمان؛ قد لا يكون الإجراء الجاري قد انتهى. تفاصيل للدعم: {log}</translation>
    </message>
</context>
<context>
    <name>damaged</name>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="91"/>
        <source>cannot be read</source>
        <translation>لا يمكن قراءته</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="93"/>
        <source>no orders</source>
        <translation>لا طلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="95"/>
        <source>orders: %1, the newest %2 of %3</source>
        <translation>الطلبيات: %1، أحدثها %2 بتاريخ %3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="109"/>
        <source>Replace the database with a backup?</source>
        <translation>استبدال قاعدة البيانات بنسخة احتياطية؟</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="110"/>
        <source>The current file %1 can still be read.

In it now: %2.
In the backup %3: %4.

Orders made after the backup are only in the current file, which is kept beside it, renamed.</source>
        <translation>الملف الحالي %1 لا يزال مقروءًا.

فيه الآن: %2.
في النسخة الاحتياطية %3: %4.

الطلبيات المسجّلة بعد النسخة الاحتياطية موجودة فقط في الملف الحالي، الذي يُحتفظ به بجانبها بعد إعادة تسميته.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="124"/>
        <source>&amp;Replace with the backup</source>
        <translation>استبدال بالنسخة الاحتياطية (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="129"/>
        <source>&amp;Keep the current file</source>
        <translation>الإبقاء على الملف الحالي (&amp;K)</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="45"/>
        <source>Number</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="46"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="47"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="48"/>
        <source>Channel</source>
        <translation>القناة</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="49"/>
        <location filename="../../ui/runtime/export_job.py" line="58"/>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="50"/>
        <source>Client</source>
        <translation>الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="51"/>
        <source>Shipping date</source>
        <translation>تاريخ الإرسال</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="52"/>
        <source>Total incl. tax</source>
        <translation>المجموع مع احتساب الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="53"/>
        <source>Total excl. tax</source>
        <translation>المجموع خارج الرسوم</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="54"/>
        <source>Tax</source>
        <translation>الضريبة</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="55"/>
        <source>Shipping address</source>
        <translation>عنوان التوصيل</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="56"/>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="59"/>
        <source>First name</source>
        <translation>الاسم الشخصي</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="60"/>
        <source>Last name</source>
        <translation>الاسم العائلي</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="61"/>
        <source>E-mail</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="62"/>
        <source>Address</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="63"/>
        <source>Postal code</source>
        <translation>الرمز البريدي</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="64"/>
        <source>City</source>
        <translation>المدينة</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="65"/>
        <source>Country</source>
        <translation>البلد</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="66"/>
        <source>Orders</source>
        <translation>الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="67"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="68"/>
        <source>Shop&apos;s number</source>
        <translation>رقم المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="70"/>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="71"/>
        <source>Product</source>
        <translation>المنتج</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="72"/>
        <source>On hand</source>
        <translation>في المخزن</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="73"/>
        <source>Reserved</source>
        <translation>محجوز</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="74"/>
        <source>Available</source>
        <translation>المتوفر</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="75"/>
        <source>Reorder level</source>
        <translation>حدّ إعادة التموين</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="76"/>
        <source>To order</source>
        <translation>للطلب</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="78"/>
        <source>Line</source>
        <translation>السطر</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="79"/>
        <source>When</source>
        <translation>الوقت</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="80"/>
        <source>Operator</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="81"/>
        <source>Workstation</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="82"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="83"/>
        <source>Table</source>
        <translation>الجدول</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="84"/>
        <source>Record id</source>
        <translation>معرّف السجل</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="85"/>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="86"/>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="87"/>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="88"/>
        <source>After</source>
        <translation>بعد</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="89"/>
        <source>Approved by</source>
        <translation>بموافقة</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="90"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="92"/>
        <source>Issued</source>
        <translation>تاريخ الإصدار</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="93"/>
        <source>Issued by</source>
        <translation>أصدره</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="94"/>
        <source>Order</source>
        <translation>الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="95"/>
        <source>Credits invoice</source>
        <translation>الفاتورة المعنية بالإشعار</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="96"/>
        <source>Client number</source>
        <translation>رقم الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="162"/>
        <source>Cannot write %1: %2</source>
        <translation>تعذّرت كتابة %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="217"/>
        <source>Cancel the e&amp;xport</source>
        <translation>إلغاء التصدير (&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="247"/>
        <source>%1 of %2 rows</source>
        <translation>الصفوف: %1 من أصل %2</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="99"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="100"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="101"/>
        <source>vCard, for contacts and phones (*.vcf)</source>
        <translation>vCard، لجهات الاتصال والهواتف (*.vcf)</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../ui/display/formatting.py" line="16"/>
        <source>English</source>
        <translation>Arabic</translation>
    </message>
</context>
<context>
    <name>identity</name>
    <message>
        <location filename="../../ui/display/identity_words.py" line="15"/>
        <source>Shop &amp;name</source>
        <translation>اسم المتجر (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="16"/>
        <source>&amp;Address</source>
        <translation>العنوان (&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="17"/>
        <source>&amp;Phone</source>
        <translation>الهاتف (&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="18"/>
        <source>&amp;E-mail</source>
        <translation>البريد الإلكتروني (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="19"/>
        <source>&amp;Logo</source>
        <translation>الشعار (&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="20"/>
        <source>&amp;Country</source>
        <translation>البلد (&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="21"/>
        <source>&amp;ICE</source>
        <translation>&amp;ICE</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="22"/>
        <source>I&amp;F (identifiant fiscal)</source>
        <translation>التعريف الضريبي (IF) (&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="23"/>
        <source>&amp;RC number</source>
        <translation>رقم السجل التجاري (RC) (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="24"/>
        <source>RC&apos;s c&amp;ourt</source>
        <translation>محكمة السجل التجاري (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="25"/>
        <source>&amp;Taxe professionnelle (patente)</source>
        <translation>الضريبة المهنية (الباتنتا) (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="26"/>
        <source>CNSS num&amp;ber</source>
        <translation>رقم الضمان الاجتماعي (CNSS) (&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="27"/>
        <source>S&amp;IREN or SIRET</source>
        <translation>S&amp;IREN أو SIRET</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="28"/>
        <source>Intra-EU &amp;VAT number</source>
        <translation>رقم TVA داخل الاتحاد الأوروبي (&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="29"/>
        <source>&amp;RCS registration</source>
        <translation>التسجيل في &amp;RCS</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="30"/>
        <source>&amp;Document footer</source>
        <translation>تذييل المستندات (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="31"/>
        <source>Ter&amp;ms</source>
        <translation>الشروط (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="35"/>
        <source>the shop&apos;s name</source>
        <translation>اسم المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="36"/>
        <source>the shop&apos;s address</source>
        <translation>عنوان المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="37"/>
        <source>the phone number</source>
        <translation>رقم الهاتف</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="38"/>
        <source>the e-mail address</source>
        <translation>عنوان البريد الإلكتروني</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="39"/>
        <source>the logo</source>
        <translation>الشعار</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="40"/>
        <source>the country</source>
        <translation>البلد</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="41"/>
        <source>the ICE</source>
        <translation>الـICE</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="42"/>
        <source>the IF (identifiant fiscal)</source>
        <translation>التعريف الضريبي (IF)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="43"/>
        <source>the RC number</source>
        <translation>رقم السجل التجاري (RC)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="44"/>
        <source>the RC&apos;s court</source>
        <translation>محكمة السجل التجاري</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="45"/>
        <source>the taxe professionnelle (patente)</source>
        <translation>الضريبة المهنية (الباتنتا)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="46"/>
        <source>the CNSS number</source>
        <translation>رقم الضمان الاجتماعي (CNSS)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="47"/>
        <source>the SIREN or SIRET</source>
        <translation>الـSIREN أو SIRET</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="48"/>
        <source>the intra-EU VAT number</source>
        <translation>رقم TVA داخل الاتحاد الأوروبي</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="49"/>
        <source>the RCS registration</source>
        <translation>التسجيل في RCS</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="50"/>
        <source>the footer</source>
        <translation>التذييل</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="51"/>
        <source>the terms</source>
        <translation>الشروط</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="54"/>
        <source>Morocco</source>
        <translation>المغرب</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="55"/>
        <source>France</source>
        <translation>فرنسا</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="58"/>
        <source>Invoice</source>
        <translation>فاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="59"/>
        <source>Credit note</source>
        <translation>إشعار دائن</translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <location filename="../../ui/models/imports.py" line="93"/>
        <source>Orders</source>
        <translation>الطلبيات</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="94"/>
        <source>Clients</source>
        <translation>الزبناء</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="174"/>
        <source>Found from the file</source>
        <translation>مستنتجة من الملف</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="129"/>
        <source>Orders files (*.csv *.json *.txt)</source>
        <translation>ملفات الطلبيات (*.csv *.json *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="131"/>
        <source>Contacts (*.csv *.vcf *.vcard *.txt)</source>
        <translation>جهات الاتصال (*.csv *.vcf *.vcard *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="133"/>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/import_job.py" line="29"/>
        <source>Cannot read %1: %2</source>
        <translation>تعذّرت قراءة %1: %2</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/display/labels.py" line="18"/>
        <source>To process</source>
        <translation>للمعالجة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="19"/>
        <source>Processing</source>
        <translation>قيد المعالجة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="20"/>
        <source>On hold</source>
        <translation>معلّقة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="21"/>
        <source>Shipped</source>
        <translation>مُرسلة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="22"/>
        <source>Delivered</source>
        <translation>مُسلّمة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="23"/>
        <source>Cancelled</source>
        <translation>ملغاة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="34"/>
        <location filename="../../ui/display/labels.py" line="44"/>
        <source>Counter</source>
        <translation>الشباك</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="35"/>
        <source>Phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="36"/>
        <source>Online</source>
        <translation>عبر الإنترنت</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="37"/>
        <source>E-mail</source>
        <translation>البريد الإلكتروني</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="38"/>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="45"/>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="46"/>
        <source>WooCommerce</source>
        <translation>WooCommerce</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="47"/>
        <source>File</source>
        <translation>ملف</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="64"/>
        <source>counter clerk</source>
        <translation>موظف الشباك</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="65"/>
        <source>manager</source>
        <translation>مسيّر</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="66"/>
        <source>administrator</source>
        <translation>مسؤول النظام</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="70"/>
        <source>record a client</source>
        <translation>تسجيل زبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="71"/>
        <source>change a client</source>
        <translation>تغيير زبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="72"/>
        <source>add a note to a client</source>
        <translation>إضافة ملاحظة لزبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="73"/>
        <source>tag a client</source>
        <translation>وسم زبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="74"/>
        <source>record a client&apos;s marketing consent</source>
        <translation>تسجيل الموافقة التسويقية لزبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="75"/>
        <source>anonymise a client</source>
        <translation>إخفاء هوية زبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="76"/>
        <source>create an order</source>
        <translation>إنشاء طلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="77"/>
        <source>change an order</source>
        <translation>تغيير طلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="78"/>
        <source>move an order between pending, processing and on hold</source>
        <translation>نقل طلبية بين «للمعالجة» و«قيد المعالجة» و«معلّقة»</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="81"/>
        <source>ship or deliver an order</source>
        <translation>إرسال طلبية أو تسليمها</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="82"/>
        <source>cancel an order</source>
        <translation>إلغاء طلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="83"/>
        <source>give a discount above the shop&apos;s threshold</source>
        <translation>منح تخفيض يتجاوز حدّ المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="84"/>
        <source>change a line&apos;s price</source>
        <translation>تغيير ثمن سطر</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="85"/>
        <source>change products and prices</source>
        <translation>تغيير المنتجات والأثمان</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="86"/>
        <source>receive stock</source>
        <translation>استلام المخزون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="87"/>
        <source>correct the stock</source>
        <translation>تصحيح المخزون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="88"/>
        <source>export</source>
        <translation>التصدير</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="89"/>
        <source>import orders and clients from files</source>
        <translation>استيراد الطلبيات والزبناء من ملفات</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="90"/>
        <source>change the shop&apos;s settings</source>
        <translation>تغيير إعدادات المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="91"/>
        <source>change the shop&apos;s name, address and legal identifiers</source>
        <translation>تغيير اسم المتجر وعنوانه ومعرّفاته القانونية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="94"/>
        <source>record a payment</source>
        <translation>تسجيل أداء</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="95"/>
        <source>refund a client</source>
        <translation>إرجاع مبلغ لزبون</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="96"/>
        <source>issue an invoice</source>
        <translation>إصدار فاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="97"/>
        <source>issue a credit note</source>
        <translation>إصدار إشعار دائن</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="98"/>
        <source>list and export the invoices</source>
        <translation>عرض الفواتير وتصديرها</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="99"/>
        <source>read the audit trail</source>
        <translation>قراءة سجل التتبع</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="100"/>
        <source>see the shop&apos;s figures</source>
        <translation>الاطلاع على أرقام المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="101"/>
        <source>manage operators</source>
        <translation>تدبير المستخدمين</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="102"/>
        <source>change the database connection</source>
        <translation>تغيير الاتصال بقاعدة البيانات</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="103"/>
        <source>restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="109"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="110"/>
        <source>Call</source>
        <translation>مكالمة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="111"/>
        <source>Visit</source>
        <translation>زيارة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="112"/>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="129"/>
        <source>Receipt</source>
        <translation>استلام</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="130"/>
        <source>Correction</source>
        <translation>تصحيح</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="131"/>
        <source>Reservation</source>
        <translation>حجز</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="132"/>
        <source>Release</source>
        <translation>تحرير الحجز</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="133"/>
        <source>Shipment</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="137"/>
        <source>order shipped</source>
        <translation>أُرسلت الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="138"/>
        <source>order cancelled</source>
        <translation>أُلغيت الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="139"/>
        <source>order edited</source>
        <translation>عُدّلت الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="140"/>
        <source>initial stock</source>
        <translation>المخزون الأولي</translation>
    </message>
</context>
<context>
    <name>paper</name>
    <message>
        <location filename="../../ui/printing/texts.py" line="17"/>
        <source>Order slip</source>
        <translation>وصل الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="18"/>
        <source>Delivery note</source>
        <translation>وصل التسليم</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="19"/>
        <source>Receipt</source>
        <translation>وصل</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="20"/>
        <source>Invoice</source>
        <translation>فاتورة</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="21"/>
        <source>Credit note</source>
        <translation>إشعار دائن</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="25"/>
        <source>ICE</source>
        <translation>ICE</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="26"/>
        <source>IF</source>
        <translation>IF</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="27"/>
        <source>RC</source>
        <translation>RC</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="28"/>
        <source>Professional tax</source>
        <translation>الضريبة المهنية</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="29"/>
        <source>CNSS</source>
        <translation>CNSS</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="30"/>
        <source>SIREN/SIRET</source>
        <translation>SIREN/SIRET</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="31"/>
        <source>VAT no.</source>
        <translation>رقم TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="32"/>
        <source>RCS</source>
        <translation>RCS</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="35"/>
        <source>cash</source>
        <translation>نقدًا</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="36"/>
        <source>card</source>
        <translation>بطاقة</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="37"/>
        <source>transfer</source>
        <translation>تحويل</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="38"/>
        <source>cheque</source>
        <translation>شيك</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="39"/>
        <source>other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="43"/>
        <source>No.</source>
        <translation>رقم</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="44"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="45"/>
        <source>Order</source>
        <translation>الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="46"/>
        <source>Served by</source>
        <translation>البائع</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="47"/>
        <source>Client</source>
        <translation>الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="48"/>
        <source>Ref.</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="49"/>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="50"/>
        <source>Qty</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="51"/>
        <source>Unit price</source>
        <translation>ثمن الوحدة</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="52"/>
        <source>Disc.</source>
        <translation>تخفيض</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="53"/>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="54"/>
        <location filename="../../ui/printing/texts.py" line="60"/>
        <source>Total incl. VAT</source>
        <translation>المجموع مع TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="55"/>
        <source>VAT rate</source>
        <translation>نسبة TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="56"/>
        <source>Base excl. VAT</source>
        <translation>الأساس خارج TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="57"/>
        <source>VAT amount</source>
        <translation>مبلغ TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="58"/>
        <source>Total excl. VAT</source>
        <translation>المجموع خارج TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="59"/>
        <source>Total VAT</source>
        <translation>مجموع TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="61"/>
        <source>Received</source>
        <translation>المقبوض</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="62"/>
        <source>Balance due</source>
        <translation>الباقي للأداء</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="63"/>
        <source>To give back</source>
        <translation>للإرجاع</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="64"/>
        <source>Expected on</source>
        <translation>متوقَّع يوم</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="65"/>
        <source>Delivery address</source>
        <translation>عنوان التسليم</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="66"/>
        <source>Remarks</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="67"/>
        <source>Delivered</source>
        <translation>سُلّمت</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="68"/>
        <source>Received in good order</source>
        <translation>استُلمت في حالة جيدة</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="69"/>
        <source>Date, name and signature of the client</source>
        <translation>التاريخ والاسم وتوقيع الزبون</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="70"/>
        <source>For the shop</source>
        <translation>عن المتجر</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="71"/>
        <source>Credit note on invoice %1</source>
        <translation>إشعار دائن على الفاتورة %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="72"/>
        <source>Keep this slip: its number finds your order.</source>
        <translation>احتفظ بهذا الوصل: رقمه يُمكّن من إيجاد طلبيتك.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="73"/>
        <source>Page %1/%2</source>
        <translation>الصفحة %1/%2</translation>
    </message>
</context>
<context>
    <name>payments</name>
    <message>
        <location filename="../../ui/display/payment_words.py" line="12"/>
        <source>Cash</source>
        <translation>نقدًا</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="13"/>
        <source>Card</source>
        <translation>بطاقة</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="14"/>
        <source>Transfer</source>
        <translation>تحويل</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="15"/>
        <source>Cheque</source>
        <translation>شيك</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="16"/>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="19"/>
        <source>Unpaid</source>
        <translation>غير مؤدّاة</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="20"/>
        <source>Partly paid</source>
        <translation>مؤدّاة جزئيًا</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="21"/>
        <source>Paid</source>
        <translation>مؤدّاة</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="22"/>
        <source>Refunded</source>
        <translation>مُسترجعة</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="23"/>
        <source>Refund due</source>
        <translation>مبلغ مستحق الإرجاع</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="20"/>
        <source>Identify a client (phone field)</source>
        <translation>التعرف على زبون (حقل الهاتف)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="21"/>
        <source>New order for the current client</source>
        <translation>طلبية جديدة للزبون الحالي</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="23"/>
        <source>Alt+letter</source>
        <translation>Alt+حرف</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="24"/>
        <source>The underlined letter: press that button, tick that box, go to that field or tab</source>
        <translation>الحرف المسطّر: اضغط ذلك الزر، أو أشّر تلك الخانة، أو انتقل إلى ذلك الحقل أو التبويب</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="30"/>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="31"/>
        <source>Phone field: identify · product or quantity: add the line · button: press it</source>
        <translation>حقل الهاتف: تعرّف · المنتج أو الكمية: إضافة السطر · زر: الضغط عليه</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="37"/>
        <source>↓ then Return</source>
        <translation>↓ ثم Return</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="38"/>
        <source>Pick a suggestion (clients, products)</source>
        <translation>اختيار اقتراح (الزبناء، المنتجات)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="41"/>
        <source>↓ then Tab</source>
        <translation>↓ ثم Tab</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="42"/>
        <source>Take the product suggested and go to its quantity</source>
        <translation>أخذ المنتج المقترح والانتقال إلى كميته</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="44"/>
        <source>In a date field: open the calendar</source>
        <translation>في حقل تاريخ: فتح التقويم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="45"/>
        <source>Save the client, the order or the product shown</source>
        <translation>حفظ الزبون أو الطلبية أو المنتج المعروض</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="47"/>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="48"/>
        <source>Next / previous field, in the order of the flow (out of a table too)</source>
        <translation>الحقل التالي / السابق، حسب ترتيب العمل (وللخروج من جدول أيضًا)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="53"/>
        <source>F2 (in the lines)</source>
        <translation>F2 (في الأسطر)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="54"/>
        <source>Edit the quantity or discount of the selected line</source>
        <translation>تعديل كمية السطر المحدد أو تخفيضه</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="57"/>
        <source>Delete (in the lines)</source>
        <translation>Delete (في الأسطر)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="58"/>
        <source>Remove the selected line</source>
        <translation>حذف السطر المحدد</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="61"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="62"/>
        <source>Validate the order</source>
        <translation>تأكيد الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="65"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="66"/>
        <source>Copy the last order number</source>
        <translation>نسخ رقم آخر طلبية</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="70"/>
        <source>Print the slip of the order shown (or of the order just validated)</source>
        <translation>طباعة وصل الطلبية المعروضة (أو الطلبية المؤكَّدة للتو)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="75"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="76"/>
        <source>Print the order&apos;s invoice (issued first, once you confirm, if none)</source>
        <translation>طباعة فاتورة الطلبية (تُصدر أولًا، بعد تأكيدك، إن لم تكن موجودة)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="80"/>
        <source>Find an order by its number</source>
        <translation>البحث عن طلبية برقمها</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="81"/>
        <source>Find a client by phone or name</source>
        <translation>البحث عن زبون بالهاتف أو الاسم</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="83"/>
        <source>Ctrl+PgDown / Ctrl+PgUp (a client shown)</source>
        <translation>Ctrl+PgDown / Ctrl+PgUp (عند عرض زبون)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="84"/>
        <source>Next or previous section: orders and figures; notes, tags, consent</source>
        <translation>القسم التالي أو السابق: الطلبيات والأرقام؛ الملاحظات والوسوم والموافقة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="89"/>
        <source>Ctrl+Return (in a note)</source>
        <translation>Ctrl+Return (في ملاحظة)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="90"/>
        <source>Add the note to the client&apos;s timeline</source>
        <translation>إضافة الملاحظة إلى الخط الزمني للزبون</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="93"/>
        <source>Delete (in a client&apos;s tags)</source>
        <translation>Delete (في وسوم زبون)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="94"/>
        <source>Take the chosen tag off</source>
        <translation>إزالة الوسم المختار</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="96"/>
        <source>All orders (the managers&apos; table)</source>
        <translation>كل الطلبيات (جدول المسيّرين)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="97"/>
        <source>The dashboard: the shop&apos;s figures (managers)</source>
        <translation>لوحة القيادة: أرقام المتجر (المسيّرون)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="99"/>
        <source>Return (in a list of orders)</source>
        <translation>Return (في قائمة طلبيات)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="100"/>
        <source>Open the order</source>
        <translation>فتح الطلبية</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="103"/>
        <source>Ctrl+↑ / Ctrl+↓ (in a table)</source>
        <translation>Ctrl+↑ / Ctrl+↓ (في جدول)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="104"/>
        <source>Sort by the current column (← → to choose it): ascending / descending</source>
        <translation>الترتيب حسب العمود الحالي (← → لاختياره): تصاعديًا / تنازليًا</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="111"/>
        <source>Lock the workstation (your PIN or password unlocks it; another operator signs in with their own)</source>
        <translation>قفل الجهاز (رمزك السري أو كلمة مرورك يفتح قفله؛ ومستخدم آخر يسجّل الدخول بحسابه)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="117"/>
        <source>This list</source>
        <translation>هذه القائمة</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="118"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
</context>
</TS>
