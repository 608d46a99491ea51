<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Access</name>
    <message>
        <location filename="../../ui/access.py" line="111"/>
        <source>&amp;Lock</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="114"/>
        <source>Sign o&amp;ut</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="237"/>
        <source>%1 can no longer work here (disabled or removed): sign in again.</source>
        <translation>%1 ne peut plus travailler ici (désactivé ou supprimé) : connectez-vous à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="277"/>
        <source>Signed in: %1 (%2)</source>
        <translation>Connecté : %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="282"/>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/access.py" line="284"/>
        <source>Nobody signed in</source>
        <translation>Personne n’est connecté</translation>
    </message>
</context>
<context>
    <name>AddOperatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="113"/>
        <source>Add an operator</source>
        <translation>Ajouter un opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="122"/>
        <source>the username if empty</source>
        <translation>le nom d’utilisateur si vide</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="131"/>
        <source>4 to 6 digits, optional</source>
        <translation>4 à 6 chiffres, facultatif</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="132"/>
        <source>&amp;Username</source>
        <translation>&amp;Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="133"/>
        <source>&amp;Name shown</source>
        <translation>Nom affic&amp;hé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="134"/>
        <source>&amp;Role</source>
        <translation>Rô&amp;le</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="137"/>
        <source>P&amp;IN</source>
        <translation>Code P&amp;IN</translation>
    </message>
</context>
<context>
    <name>AnonymiseConfirmation</name>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="41"/>
        <source>Anonymise a client</source>
        <translation>Anonymiser un client</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="44"/>
        <source>Anonymise %1 (%2)?</source>
        <translation>Anonymiser %1 (%2) ?</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="50"/>
        <source>Their name, phone, e-mail and address are replaced for good, and so are the shipping addresses of their orders and the text of their notes. Their orders, totals and figures stay. This cannot be undone.</source>
        <translation>Son nom, son téléphone, son e-mail et son adresse sont remplacés définitivement, ainsi que les adresses de livraison de ses commandes et le texte de ses notes. Ses commandes, leurs totaux et ses chiffres restent. C’est irréversible.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_rights.py" line="55"/>
        <source>Anonymise for good</source>
        <translation>Anonymiser définitivement</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/widgets/approval.py" line="43"/>
        <source>A manager&apos;s approval</source>
        <translation>L’accord d’un gérant</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="47"/>
        <source>To %1, a manager approves: the manager types their username and PIN.</source>
        <translation>Pour %1, un gérant donne son accord : le gérant tape son nom d’utilisateur et son code PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="66"/>
        <source>&amp;Manager</source>
        <translation>&amp;Gérant</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="67"/>
        <source>P&amp;IN</source>
        <translation>&amp;Code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/approval.py" line="69"/>
        <source>&amp;Approve</source>
        <translation>&amp;Valider</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="55"/>
        <source>Audit trail</source>
        <translation>Journal d’audit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="68"/>
        <source>All operators</source>
        <translation>Tous les opérateurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="73"/>
        <source>All kinds</source>
        <translation>Tous les types</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="76"/>
        <source>&amp;Show</source>
        <translation>Affic&amp;her</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="80"/>
        <source>&amp;Operator</source>
        <translation>&amp;Opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="83"/>
        <source>&amp;until</source>
        <translation>a&amp;u</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="87"/>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="93"/>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="106"/>
        <source>Show &amp;more</source>
        <translation>Afficher &amp;plus</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="108"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="191"/>
        <source>The %1 newest lines shown: Show more for older ones.</source>
        <translation>
            <numerusform>La %1 ligne la plus récente affichée : Afficher plus pour les précédentes.</numerusform>
            <numerusform>Les %1 lignes les plus récentes affichées : Afficher plus pour les précédentes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="193"/>
        <source>%1 lines.</source>
        <translation>
            <numerusform>%1 ligne.</numerusform>
            <numerusform>%1 lignes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="202"/>
        <source>audit</source>
        <translation>audit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="202"/>
        <source>Export the audit trail shown</source>
        <translation>Exporter le journal d’audit affiché</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="212"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/audit.py" line="232"/>
        <source>%1 lines exported to %2</source>
        <translation>
            <numerusform>%1 ligne exportée dans %2</numerusform>
            <numerusform>%1 lignes exportées dans %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="241"/>
        <source>Export failed: %1</source>
        <translation>L’export a échoué : %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/audit.py" line="246"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Export annulé : aucun fichier n’a été écrit.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/models/audit.py" line="53"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="54"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="55"/>
        <source>Workstation</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="56"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="57"/>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="58"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="59"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="60"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="61"/>
        <source>Approved by</source>
        <translation>Accord de</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="62"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>BackupKeeper</name>
    <message>
        <location filename="../../ui/runtime/backups.py" line="76"/>
        <source>GESTCO is still checking the database file.</source>
        <translation>GESTCO vérifie encore le fichier de la base.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="118"/>
        <source>Backing up the database…</source>
        <translation>Sauvegarde de la base…</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="121"/>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="124"/>
        <source>Backup written and checked: %1</source>
        <translation>Sauvegarde écrite et vérifiée : %1</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="132"/>
        <source>Backing up before closing…</source>
        <translation>Sauvegarde avant fermeture…</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="143"/>
        <source>Server backups (*.dump)</source>
        <translation>Sauvegardes du serveur (*.dump)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="146"/>
        <location filename="../../ui/runtime/backups.py" line="171"/>
        <source>Restore a backup</source>
        <translation>Restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="141"/>
        <source>GESTCO backups (*.sqlite3)</source>
        <translation>Sauvegardes GESTCO (*.sqlite3)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="152"/>
        <source>Replace the current database with the backup %1? The current file is kept beside it, renamed.</source>
        <translation>Remplacer la base actuelle par la sauvegarde %1 ? Le fichier actuel est conservé à côté, renommé.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="157"/>
        <source>Replace the server&apos;s data with the backup %1? The current data is dumped beside it first. Other workstations should be closed meanwhile.</source>
        <translation>Remplacer les données du serveur par la sauvegarde %1 ? Les données actuelles sont d’abord sauvegardées à côté. Les autres postes devraient être fermés pendant ce temps.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="185"/>
        <source>Restoring…</source>
        <translation>Restauration…</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/backups.py" line="193"/>
        <source>Restore</source>
        <translation>Restauration</translation>
    </message>
</context>
<context>
    <name>ClientBalanceLabel</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/client_balance.py" line="25"/>
        <source>Balance due %1 over %n orders</source>
        <translation>
            <numerusform>Reste à payer %1 sur %n commande</numerusform>
            <numerusform>Reste à payer %1 sur %n commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_balance.py" line="28"/>
        <source>Nothing due</source>
        <translation>Rien à payer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_balance.py" line="30"/>
        <source>%1 to refund</source>
        <translation>%1 à rembourser</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="48"/>
        <source>Client details</source>
        <translation>Fiche client</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="54"/>
        <source>&amp;Phone</source>
        <translation>Télép&amp;hone</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="55"/>
        <source>First na&amp;me</source>
        <translation>&amp;Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="56"/>
        <source>&amp;Last name</source>
        <translation>N&amp;om</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="57"/>
        <source>&amp;E-mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="58"/>
        <source>&amp;Address</source>
        <translation>Adr&amp;esse</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="59"/>
        <source>Postal &amp;code</source>
        <translation>Code posta&amp;l</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="91"/>
        <source>Remar&amp;ks</source>
        <translation>Remar&amp;ques</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="60"/>
        <source>Cit&amp;y</source>
        <translation>&amp;Ville</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_form.py" line="61"/>
        <source>Co&amp;untry</source>
        <translation>Pa&amp;ys</translation>
    </message>
</context>
<context>
    <name>ClientRelationship</name>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="43"/>
        <source>Export this client&apos;s data…</source>
        <translation>Exporter les données du client…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="45"/>
        <source>Anonymise…</source>
        <translation>Anonymiser…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="48"/>
        <source>Data rights (law 09-08, GDPR):</source>
        <translation>Droits sur les données (loi 09-08, RGPD) :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="114"/>
        <source>Written to %1.</source>
        <translation>Enregistré dans %1.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_relationship.py" line="131"/>
        <source>The client was anonymised.</source>
        <translation>Le client a été anonymisé.</translation>
    </message>
</context>
<context>
    <name>ClientTags</name>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="95"/>
        <source>VIP, grossiste… Return adds</source>
        <translation>VIP, grossiste… Entrée ajoute</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="101"/>
        <source>Ta&amp;gs:</source>
        <translation>É&amp;tiquettes :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="105"/>
        <source>Su&amp;bscribed to offers (marketing consent)</source>
        <translation>A&amp;bonné aux offres (consentement marketing)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="155"/>
        <source>never asked</source>
        <translation>jamais demandé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="157"/>
        <source>given on %1</source>
        <translation>donné le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="159"/>
        <source>withdrawn on %1</source>
        <translation>retiré le %1</translation>
    </message>
</context>
<context>
    <name>ClientTimeline</name>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="47"/>
        <source>“Called: wants the delivery on Tuesday” · Ctrl+Return adds it</source>
        <translation>« A appelé, veut la livraison mardi » · Ctrl+Entrée l’ajoute</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="52"/>
        <source>&amp;Write a note:</source>
        <translation>A&amp;jouter une note :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="54"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="56"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Entrée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="63"/>
        <source>No note yet.</source>
        <translation>Aucune note pour l’instant.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/client_timeline.py" line="116"/>
        <source>(erased: the client was anonymised)</source>
        <translation>(effacé : le client a été anonymisé)</translation>
    </message>
</context>
<context>
    <name>ClientsExport</name>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="34"/>
        <source>E&amp;xport clients…</source>
        <translation>E&amp;xporter les clients…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="51"/>
        <source>Export the clients</source>
        <translation>Exporter les clients</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="51"/>
        <source>clients</source>
        <translation>clients</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="62"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/clients_export.py" line="83"/>
        <source>%1 clients exported to %2</source>
        <translation>
            <numerusform>%1 client exporté dans %2</numerusform>
            <numerusform>%1 clients exportés dans %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="92"/>
        <source>Export failed: %1</source>
        <translation>Échec de l’export : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/clients_export.py" line="97"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Export annulé : aucun fichier n’a été écrit.</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="39"/>
        <source>Database connection</source>
        <translation>Connexion à la base de données</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="42"/>
        <source>This computer&apos;s own &amp;file</source>
        <translation>Le &amp;fichier propre à cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="44"/>
        <source>The shop&apos;s PostgreSQL &amp;server</source>
        <translation>Le &amp;serveur PostgreSQL de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="64"/>
        <source>(unchanged)</source>
        <translation>(inchangé)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="70"/>
        <source>The password is kept in this computer&apos;s keyring, never in a file.</source>
        <translation>Le mot de passe est gardé dans le trousseau de cet ordinateur, jamais dans un fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="73"/>
        <source>This computer has no keyring: the password is not stored, GESTCO asks for it at each start.</source>
        <translation>Cet ordinateur n’a pas de trousseau : le mot de passe n’est pas enregistré, GESTCO le demande à chaque démarrage.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="77"/>
        <source>&amp;Test the connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="81"/>
        <source>&amp;Copy this computer&apos;s data to the server…</source>
        <translation>&amp;Copier les données de cet ordinateur sur le serveur…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="84"/>
        <source>For the first workstation moving to a new, empty server database.</source>
        <translation>Pour le premier poste qui passe à une nouvelle base, vide, sur le serveur.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="95"/>
        <source>Ser&amp;ver</source>
        <translation>Ser&amp;veur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="96"/>
        <source>&amp;Port</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="97"/>
        <source>&amp;Database</source>
        <translation>&amp;Base de données</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="98"/>
        <source>&amp;User</source>
        <translation>&amp;Utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="99"/>
        <source>Pass&amp;word</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="116"/>
        <source>The new connection is used from GESTCO&apos;s next start.</source>
        <translation>La nouvelle connexion est utilisée au prochain démarrage de GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="177"/>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="185"/>
        <source>Connected: the shop&apos;s GESTCO database is there.</source>
        <translation>Connecté : la base GESTCO de la boutique est bien là.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="187"/>
        <source>Connected: an empty database, GESTCO sets it up at its first start.</source>
        <translation>Connecté : base vide, GESTCO la prépare à son premier démarrage.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="205"/>
        <source>Copy every client, order and stock movement of this computer into the server database %1, then check the copy? This computer&apos;s file stays as it was.</source>
        <translation>Copier tous les clients, commandes et mouvements de stock de cet ordinateur dans la base %1 du serveur, puis vérifier la copie ? Le fichier de cet ordinateur reste tel quel.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="214"/>
        <source>Copying this computer&apos;s data to %1…</source>
        <translation>Copie des données de cet ordinateur vers %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="224"/>
        <source>Copied and checked: the server holds this computer&apos;s data. Save to use it from the next start.</source>
        <translation>Copié et vérifié : le serveur contient les données de cet ordinateur. Enregistrez pour l’utiliser dès le prochain démarrage.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/connection.py" line="236"/>
        <source>The connection test failed. Save these settings anyway?</source>
        <translation>Le test de connexion a échoué. Enregistrer ces réglages quand même ?</translation>
    </message>
</context>
<context>
    <name>CreditNoteDialog</name>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="35"/>
        <source>Credit note for %1</source>
        <translation>Avoir sur %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="40"/>
        <source>&amp;Whole invoice (all that is left to credit)</source>
        <translation>&amp;Toute la facture (tout ce qui reste à créditer)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="43"/>
        <source>Units to credit, line by line</source>
        <translation>Unités à créditer, ligne par ligne</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="51"/>
        <source> of %1</source>
        <translation> sur %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="55"/>
        <source>%1 — %2 (%3 × %4)</source>
        <translation>%1 — %2 (%3 × %4)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="68"/>
        <source>Returned goods, a price corrected…</source>
        <translation>Marchandise retournée, prix corrigé…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="75"/>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="84"/>
        <source>&amp;Issue the credit note</source>
        <translation>É&amp;tablir l&apos;avoir</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="125"/>
        <source>Type the units to credit on at least one line.</source>
        <translation>Tapez les unités à créditer sur au moins une ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/credit_note.py" line="129"/>
        <source>Say why the invoice is corrected.</source>
        <translation>Dites pourquoi la facture est corrigée.</translation>
    </message>
</context>
<context>
    <name>DamagedFileDialog</name>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="36"/>
        <source>GESTCO — the database needs attention</source>
        <translation>GESTCO — la base de données demande votre attention</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="43"/>
        <source>Nothing was written to it. Restoring puts a copy of the newest good backup in its place and keeps the damaged file beside it, renamed.</source>
        <translation>Rien n’y a été écrit. La restauration met à sa place une copie de la sauvegarde saine la plus récente et garde le fichier endommagé à côté, renommé.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="48"/>
        <source>No good backup was found. Open another file, or quit and call for help: the damaged file was not changed.</source>
        <translation>Aucune sauvegarde saine n’a été trouvée. Ouvrez un autre fichier, ou quittez et demandez de l’aide : le fichier endommagé n’a pas été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="56"/>
        <source>&amp;Restore the backup of %1</source>
        <translation>&amp;Restaurer la sauvegarde %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="63"/>
        <source>&amp;Open another file…</source>
        <translation>&amp;Ouvrir un autre fichier…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="65"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
</context>
<context>
    <name>DashboardCards</name>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="38"/>
        <source>Revenue incl. tax</source>
        <translation>Chiffre d&apos;affaires TTC</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="44"/>
        <source>Revenue excl. tax</source>
        <translation>Chiffre d&apos;affaires HT</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="48"/>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="51"/>
        <source>Average basket</source>
        <translation>Panier moyen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="57"/>
        <source>Items per order</source>
        <translation>Articles par commande</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="63"/>
        <source>Cancellation rate</source>
        <translation>Taux d&apos;annulation</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="117"/>
        <source>Balance due (every order)</source>
        <translation>Reste à encaisser (toutes les commandes)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="161"/>
        <source>The period before (%1 – %2): %3</source>
        <translation>La période précédente (%1 – %2) : %3</translation>
    </message>
</context>
<context>
    <name>DashboardExports</name>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="52"/>
        <source>Export to CSV</source>
        <translation>Exporter en CSV</translation>
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
        <translation>Échec de l&apos;export : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="88"/>
        <source>%1 exported to %2</source>
        <translation>%1 : exporté dans %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="98"/>
        <source>dashboard</source>
        <translation>tableau-de-bord</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="102"/>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="104"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_exports.py" line="126"/>
        <source>Dashboard saved as %1.</source>
        <translation>Tableau de bord enregistré dans %1.</translation>
    </message>
</context>
<context>
    <name>DashboardReport</name>
    <message>
        <location filename="../../ui/widgets/dashboard_report.py" line="25"/>
        <source>Dashboard %1 – %2</source>
        <translation>Tableau de bord du %1 au %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_report.py" line="34"/>
        <source>None.</source>
        <translation>Aucune.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_report.py" line="62"/>
        <source>Compared with the period before (%1 – %2). Revenue counts the orders that are not cancelled, on the day they were validated; money in %3.</source>
        <translation>Comparé à la période précédente (%1 – %2). Le chiffre d&apos;affaires compte les commandes non annulées, au jour de leur validation ; montants en %3.</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="106"/>
        <source>Save as P&amp;DF…</source>
        <translation>&amp;Enregistrer en PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="118"/>
        <source>Revenue counts the orders that are not cancelled, on the day they were validated; each figure is compared with the period just before, of the same length. Orders by status: Return or a click opens them.</source>
        <translation>Le chiffre d&apos;affaires compte les commandes non annulées, au jour de leur validation ; chaque chiffre est comparé à la période juste avant, de même durée. Commandes par statut : Entrée ou un clic les ouvre.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="209"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="210"/>
        <source>Export these figures to a CSV file</source>
        <translation>Exporter ces chiffres dans un fichier CSV</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="301"/>
        <source>Computing…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="317"/>
        <source>The figures could not be computed: %1</source>
        <translation>Les chiffres n&apos;ont pas pu être calculés : %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="340"/>
        <source>Sales per month</source>
        <translation>Ventes par mois</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/dashboard.py" line="340"/>
        <source>Sales per day</source>
        <translation>Ventes par jour</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/dashboard.py" line="353"/>
        <location filename="../../ui/tabs/dashboard.py" line="368"/>
        <source>%1: %2 (%3 orders)</source>
        <translation>
            <numerusform>%1 : %2 (%3 commande)</numerusform>
            <numerusform>%1 : %2 (%3 commandes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardTables</name>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="39"/>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="58"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="132"/>
        <source>SKU</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="59"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="133"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="60"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="61"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="65"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="147"/>
        <source>Revenue incl. tax</source>
        <translation>CA TTC</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="64"/>
        <location filename="../../ui/widgets/dashboard_tables.py" line="146"/>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="70"/>
        <source>Key figures</source>
        <translation>Chiffres clés</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="74"/>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="75"/>
        <source>This period</source>
        <translation>Cette période</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="76"/>
        <source>The period before</source>
        <translation>La période précédente</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="77"/>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="83"/>
        <source>Sales</source>
        <translation>Ventes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="85"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="90"/>
        <source>By channel</source>
        <translation>Par canal</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="92"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="97"/>
        <source>By source</source>
        <translation>Par origine</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="99"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="104"/>
        <source>Orders by status</source>
        <translation>Commandes par statut</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="107"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="108"/>
        <source>Orders created</source>
        <translation>Commandes créées</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="114"/>
        <source>Best sellers by quantity</source>
        <translation>Meilleures ventes en quantité</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="121"/>
        <source>Best sellers by revenue</source>
        <translation>Meilleures ventes en chiffre d&apos;affaires</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="128"/>
        <source>Low stock</source>
        <translation>Stock bas</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="134"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="135"/>
        <source>Reorder at</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="141"/>
        <source>Per operator</source>
        <translation>Par opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="145"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="148"/>
        <source>Discounts</source>
        <translation>Remises</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_tables.py" line="149"/>
        <source>Cancelled</source>
        <translation>Annulées</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="94"/>
        <source>en_GB</source>
        <translation>fr_MA</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="140"/>
        <source>dd/mm/yyyy</source>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="143"/>
        <source>Type the date (20/12/2026, 20122026, 20/12) or Alt+↓; empty: no limit</source>
        <translation>Tapez la date (20/12/2026, 20122026, 20/12) ou Alt+↓ ; vide : sans limite</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="145"/>
        <source>Type the date (20/12/2026, 20122026, 20/12) or Alt+↓</source>
        <translation>Tapez la date (20/12/2026, 20122026, 20/12) ou Alt+↓</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="150"/>
        <source>Open the calendar (Alt+↓)</source>
        <translation>Ouvrir le calendrier (Alt+↓)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="210"/>
        <source>This is not a date: type it as %1 (or %2, %3).</source>
        <translation>Ce n’est pas une date : tapez-la comme %1 (ou %2, %3).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_field.py" line="218"/>
        <source>%1 is past: choose %2 or later.</source>
        <translation>Le %1 est passé : choisissez le %2 ou après.</translation>
    </message>
</context>
<context>
    <name>DeliveryForm</name>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="28"/>
        <source>Delivery</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="44"/>
        <source>Shipping address: %1</source>
        <translation>Adresse de livraison : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="47"/>
        <source>Remarks: %1</source>
        <translation>Remarques : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="54"/>
        <source>&amp;Channel</source>
        <translation>Cana&amp;l</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="56"/>
        <source>Shipping &amp;date</source>
        <translation>&amp;Date d’expédition</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="59"/>
        <source>Remar&amp;ks</source>
        <translation>Re&amp;marques</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/delivery_form.py" line="62"/>
        <source>Shippin&amp;g address</source>
        <translation>Adresse de livrais&amp;on</translation>
    </message>
</context>
<context>
    <name>DepositBox</name>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="25"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="30"/>
        <source>A deposit taken now (150,00), recorded with the order; empty: none</source>
        <translation>Un acompte encaissé maintenant (150,00), enregistré avec la commande ; vide : aucun</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="33"/>
        <source>Down pa&amp;yment</source>
        <translation>Acompte pa&amp;yé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="35"/>
        <source>by</source>
        <translation>par</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/deposit_box.py" line="38"/>
        <location filename="../../ui/widgets/deposit_box.py" line="40"/>
        <location filename="../../ui/widgets/deposit_box.py" line="41"/>
        <source>Deposit: %1</source>
        <translation>Acompte : %1</translation>
    </message>
</context>
<context>
    <name>DraftOffer</name>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="21"/>
        <source>R&amp;estore it</source>
        <translation>La r&amp;eprendre</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_offer.py" line="23"/>
        <source>Discard</source>
        <translation>L’abandonner</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="40"/>
        <source>Your order for %1 (%n lines) was kept while you were away.</source>
        <translation>
            <numerusform>Votre commande pour %1 (%n ligne) a été gardée pendant votre absence.</numerusform>
            <numerusform>Votre commande pour %1 (%n lignes) a été gardée pendant votre absence.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="43"/>
        <source>Your order for %1 (%n lines) was put aside when you restored another one.</source>
        <translation>
            <numerusform>Votre commande pour %1 (%n ligne) a été mise de côté quand vous en avez repris une autre.</numerusform>
            <numerusform>Votre commande pour %1 (%n lignes) a été mise de côté quand vous en avez repris une autre.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="49"/>
        <source>An order for %1 (%n lines) was being keyed when GESTCO stopped.</source>
        <translation>
            <numerusform>Une commande pour %1 (%n ligne) était en cours de saisie quand GESTCO s’est arrêté.</numerusform>
            <numerusform>Une commande pour %1 (%n lignes) était en cours de saisie quand GESTCO s’est arrêté.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/draft_offer.py" line="53"/>
        <source>%n more unfinished orders wait after this one.</source>
        <translation>
            <numerusform>%n autre commande non terminée attend après celle-ci.</numerusform>
            <numerusform>%n autres commandes non terminées attendent après celle-ci.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EditOperatorDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="175"/>
        <source>Operator %1</source>
        <translation>Opérateur %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="179"/>
        <source>the username if empty</source>
        <translation>le nom d’utilisateur si vide</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="181"/>
        <source>&amp;May sign in</source>
        <translation>&amp;Peut se connecter</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="184"/>
        <source>&amp;Name shown</source>
        <translation>Nom affic&amp;hé</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="185"/>
        <source>&amp;Role</source>
        <translation>Rô&amp;le</translation>
    </message>
</context>
<context>
    <name>FirstAdminForm</name>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="29"/>
        <source>A new shop: create its administrator</source>
        <translation>Une nouvelle boutique : créez son administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="34"/>
        <source>The administrator chooses the database, restores backups and adds the other operators (counter clerks, managers) in Tools › Operators. Keep the password safe.</source>
        <translation>L’administrateur choisit la base de données, restaure les sauvegardes et ajoute les autres opérateurs (vendeurs au comptoir, gérants) dans Outils › Opérateurs. Gardez le mot de passe en lieu sûr.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="54"/>
        <source>&amp;Create the administrator</source>
        <translation>&amp;Créer l’administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="59"/>
        <source>&amp;Username</source>
        <translation>&amp;Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/first_admin.py" line="60"/>
        <source>&amp;Name shown</source>
        <translation>Nom affic&amp;hé</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/models/history.py" line="63"/>
        <source>%1 (approved by %2)</source>
        <translation>%1 (accord de %2)</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="72"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="92"/>
        <source>Recorded</source>
        <translation>Création</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="131"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="132"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="133"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="134"/>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="135"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="136"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>IdentifyTab</name>
    <message>
        <location filename="../../ui/tabs/identify.py" line="80"/>
        <source>06 12 34 56 78, +212 6 12 34 56 78 or a name</source>
        <translation>06 12 34 56 78, +212 6 12 34 56 78 ou un nom</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="86"/>
        <source>I&amp;dentify</source>
        <translation>I&amp;dentifier</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="97"/>
        <source>Phone:</source>
        <translation>Téléphone :</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="106"/>
        <source>Sa&amp;ve client (Ctrl+S)</source>
        <translation>Enre&amp;gistrer le client (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="108"/>
        <source>Ne&amp;w order for this client</source>
        <translation>Nouvelle commande pour ce clien&amp;t</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="126"/>
        <source>Last orders</source>
        <translation>Dernières commandes</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="194"/>
        <source>New client: check the details, then Save (Ctrl+S).</source>
        <translation>Nouveau client : vérifiez les coordonnées puis enregistrez (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="267"/>
        <source>No client, so no order yet: correct the number, Return, then F3.</source>
        <translation>Pas de client, donc pas encore de commande : corrigez le numéro, Entrée, puis F3.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="294"/>
        <location filename="../../ui/tabs/identify.py" line="376"/>
        <source>Known client: %1</source>
        <translation>Client connu : %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="300"/>
        <source>New client: this number is not known yet. Fill in the name, then Save (Ctrl+S).</source>
        <translation>Nouveau client : ce numéro est inconnu. Saisissez le nom puis enregistrez (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="333"/>
        <source>Type the client&apos;s phone number and press Return first.</source>
        <translation>Tapez d’abord le numéro du client puis Entrée.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/identify.py" line="358"/>
        <source>Client saved.</source>
        <translation>Client enregistré.</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="98"/>
        <source>I&amp;mport orders…</source>
        <translation>I&amp;mporter des commandes…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="101"/>
        <source>Im&amp;port clients…</source>
        <translation>Im&amp;porter des clients…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="103"/>
        <source>&amp;Imports…</source>
        <translation>&amp;Imports…</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="62"/>
        <source>Import orders</source>
        <translation>Importer des commandes</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="63"/>
        <source>Import only the &amp;valid orders</source>
        <translation>Importer seulement les commandes &amp;valides</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="66"/>
        <source>Import clients</source>
        <translation>Importer des clients</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="67"/>
        <source>Import only the &amp;valid clients</source>
        <translation>Importer seulement les clients &amp;valides</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="111"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="121"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="124"/>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="156"/>
        <source>Import &amp;all or nothing</source>
        <translation>Importer &amp;tout ou rien</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="161"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="225"/>
        <source>This is a folder: choose a file in it.</source>
        <translation>C’est un dossier : choisissez un fichier dedans.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="227"/>
        <source>Reading the file…</source>
        <translation>Lecture du fichier…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="280"/>
        <location filename="../../ui/dialogs/import_preview.py" line="305"/>
        <location filename="../../ui/dialogs/import_preview.py" line="365"/>
        <source>What the import will do: </source>
        <translation>Ce que fera l’import : </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="285"/>
        <source>%1 cannot be imported:
%2</source>
        <translation>%1 ne peut pas être importé :
%2</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="300"/>
        <source>This file was already imported on %1 by %2.</source>
        <translation>Ce fichier a déjà été importé le %1 par %2.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="309"/>
        <source>…and %1 more errors, not listed: correct these first.</source>
        <translation>…et %1 autres erreurs, non listées : corrigez d’abord celles-ci.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="319"/>
        <source>new %1 · updated %2 · unchanged %3 · conflicts %4 · errors %5</source>
        <translation>nouveaux %1 · mis à jour %2 · inchangés %3 · conflits %4 · erreurs %5</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="347"/>
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="355"/>
        <source>Imported: </source>
        <translation>Importé : </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="360"/>
        <source>Nothing was imported: the file has errors. Correct them in the file, or import only the valid ones.</source>
        <translation>Rien n’a été importé : le fichier contient des erreurs. Corrigez-les dans le fichier, ou importez seulement ce qui est valide.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="372"/>
        <source>Done: everything in the file is in GESTCO.</source>
        <translation>Terminé : tout le fichier est dans GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="374"/>
        <source>Done: the valid ones are in GESTCO; those with errors were left out.</source>
        <translation>Terminé : ce qui est valide est dans GESTCO ; ce qui a des erreurs a été laissé de côté.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/import_preview.py" line="377"/>
        <source>C&amp;lose</source>
        <translation>Fer&amp;mer</translation>
    </message>
</context>
<context>
    <name>ImportsDialog</name>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="42"/>
        <source>Imports</source>
        <translation>Imports</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/imports.py" line="73"/>
        <source>%1 imports</source>
        <translation>
            <numerusform>%1 import</numerusform>
            <numerusform>%1 imports</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/imports.py" line="77"/>
        <source>No import yet.</source>
        <translation>Aucun import pour l’instant.</translation>
    </message>
</context>
<context>
    <name>ImportsModel</name>
    <message>
        <location filename="../../ui/models/imports.py" line="134"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="135"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="136"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="137"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="138"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="139"/>
        <source>New</source>
        <translation>Nouveaux</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="140"/>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="141"/>
        <source>Unchanged</source>
        <translation>Inchangés</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="142"/>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="143"/>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="144"/>
        <source>Written</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="149"/>
        <source>No: a trial run</source>
        <translation>Non : essai à blanc</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="151"/>
        <source>No: refused for its errors</source>
        <translation>Non : refusé pour ses erreurs</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="152"/>
        <source>Valid ones only</source>
        <translation>Seulement ce qui est valide</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="152"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
</context>
<context>
    <name>InvoicesDialog</name>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="48"/>
        <location filename="../../ui/dialogs/invoices.py" line="57"/>
        <source>Invoices and credit notes</source>
        <translation>Factures et avoirs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="62"/>
        <source>FAC-2026-000042, a client&apos;s name or phone</source>
        <translation>FAC-2026-000042, nom ou téléphone d&apos;un client</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="63"/>
        <source>&amp;Show</source>
        <translation>&amp;Afficher</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="68"/>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="69"/>
        <source>&amp;until</source>
        <translation>a&amp;u</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="70"/>
        <source>&amp;Kind</source>
        <translation>&amp;Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="71"/>
        <source>&amp;Number or client</source>
        <translation>&amp;Numéro ou client</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="110"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="174"/>
        <source>The %1 newest shown: narrow the period for older ones.</source>
        <translation>
            <numerusform>Le %1 plus récent affiché : réduisez la période pour les plus anciens.</numerusform>
            <numerusform>Les %1 plus récents affichés : réduisez la période pour les plus anciens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="176"/>
        <source>%1 documents.</source>
        <translation>
            <numerusform>%1 document.</numerusform>
            <numerusform>%1 documents.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="186"/>
        <source>Export the invoices</source>
        <translation>Exporter les factures</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="186"/>
        <source>invoices</source>
        <translation>factures</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="196"/>
        <source>Invoices</source>
        <translation>Factures</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/dialogs/invoices.py" line="217"/>
        <source>%1 documents exported to %2</source>
        <translation>
            <numerusform>%1 document exporté vers %2</numerusform>
            <numerusform>%1 documents exportés vers %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="226"/>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;export : %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/invoices.py" line="231"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Export annulé : aucun fichier n&apos;a été écrit.</translation>
    </message>
</context>
<context>
    <name>InvoicesModel</name>
    <message>
        <location filename="../../ui/models/invoices.py" line="41"/>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="42"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="43"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="44"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="45"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="46"/>
        <source>Excl. tax</source>
        <translation>HT</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="47"/>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="48"/>
        <source>Incl. tax</source>
        <translation>TTC</translation>
    </message>
    <message>
        <location filename="../../ui/models/invoices.py" line="49"/>
        <source>Credits</source>
        <translation>Avoir sur</translation>
    </message>
</context>
<context>
    <name>KpiCards</name>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="182"/>
        <source>Balance due</source>
        <translation>Reste à encaisser</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="183"/>
        <source>What the orders not cancelled still owe, any day.</source>
        <translation>Ce que doivent encore les commandes non annulées, quel que soit leur jour.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/dashboard_cards.py" line="193"/>
        <source>every order</source>
        <translation>toutes les commandes</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="98"/>
        <source>SKU or product name</source>
        <translation>Référence ou nom du produit</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="111"/>
        <source>&amp;Add line</source>
        <translation>A&amp;jouter la ligne</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="113"/>
        <source>&amp;Product:</source>
        <translation>&amp;Produit :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="115"/>
        <source>&amp;Qty:</source>
        <translation>&amp;Qté :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="233"/>
        <source>out of stock</source>
        <translation>en rupture</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="234"/>
        <source>available: %1</source>
        <translation>disponible : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="268"/>
        <source>%1 products match: pick one from the list (↓).</source>
        <translation>%1 produits correspondent : choisissez-en un dans la liste (↓).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="273"/>
        <source>No product matches “%1”.</source>
        <translation>Aucun produit ne correspond à « %1 ».</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="289"/>
        <source>Type a SKU or a product name.</source>
        <translation>Tapez une référence ou un nom de produit.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="323"/>
        <source>Excl. tax %1 · VAT %2 · Total %3</source>
        <translation>HT %1 · TVA %2 · TTC %3</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/lines_editor.py" line="336"/>
        <source>Not enough stock for %1: the order can be taken, it will wait for stock.</source>
        <translation>Stock insuffisant pour %1 : la commande peut être prise, elle attendra le stock.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="59"/>
        <source>GESTCO — order management</source>
        <translation>GESTCO — gestion des commandes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="83"/>
        <source>&amp;Identify client</source>
        <translation>&amp;Identification client</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <location filename="../../ui/main_window.py" line="181"/>
        <source>&amp;New order</source>
        <translation>&amp;Nouvelle commande</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>Sea&amp;rch</source>
        <translation>&amp;Recherche</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>&amp;Orders</source>
        <translation>&amp;Commandes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>&amp;Stock</source>
        <translation>&amp;Stock</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="180"/>
        <source>&amp;Identify a client</source>
        <translation>&amp;Identifier un client</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183"/>
        <source>Find an &amp;order</source>
        <translation>Chercher une c&amp;ommande</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="186"/>
        <source>Find a &amp;client</source>
        <translation>Chercher un c&amp;lient</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>All orders</source>
        <translation>Toutes les commandes</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="230"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="233"/>
        <source>&amp;Shortcuts</source>
        <translation>&amp;Raccourcis</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>&amp;About GESTCO</source>
        <translation>À &amp;propos de GESTCO</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272"/>
        <source>Checking the database file…</source>
        <translation>Vérification du fichier de la base…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Database checked: ok.</source>
        <translation>Base vérifiée : intacte.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>The database file is damaged: writing is stopped.</source>
        <translation>Le fichier de la base est endommagé : l’écriture est arrêtée.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>Damaged database</source>
        <translation>Base endommagée</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>The check of the database file found damage (%1). GESTCO will not write to it. Use Tools › Restore a backup, or call for help.</source>
        <translation>La vérification du fichier a trouvé un dommage (%1). GESTCO n’y écrira pas. Utilisez Outils › Restaurer une sauvegarde, ou demandez de l’aide.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>%1 (%2 to reorder)</source>
        <translation>%1 (%2 à réapprovisionner)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Connection to the server lost: GESTCO reconnects by itself.</source>
        <translation>Connexion au serveur perdue : GESTCO se reconnecte tout seul.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>A backup was restored into this database elsewhere: every screen reloaded.</source>
        <translation>Une sauvegarde a été restaurée dans cette base depuis un autre programme : tous les écrans ont été rechargés.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388"/>
        <source>Database: %1</source>
        <translation>Base : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="392"/>
        <source>%1 clients</source>
        <translation>
            <numerusform>%1 client</numerusform>
            <numerusform>%1 clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/main_window.py" line="394"/>
        <source>%1 orders</source>
        <translation>
            <numerusform>%1 commande</numerusform>
            <numerusform>%1 commandes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="401"/>
        <source>About GESTCO</source>
        <translation>À propos de GESTCO</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="402"/>
        <source>&lt;h3&gt;GESTCO %1&lt;/h3&gt;&lt;p&gt;Order management for small shops.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;GESTCO %1&lt;/h3&gt;&lt;p&gt;Gestion des commandes pour les petits commerces.&lt;/p&gt;&lt;p&gt;Base de données : %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MovementsModel</name>
    <message>
        <location filename="../../ui/models/movements.py" line="47"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="48"/>
        <source>Movement</source>
        <translation>Mouvement</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="49"/>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="50"/>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="51"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="52"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../ui/models/movements.py" line="53"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
</context>
<context>
    <name>NewOrderTab</name>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="88"/>
        <location filename="../../ui/tabs/new_order.py" line="199"/>
        <source>Identify a client (F2)</source>
        <translation>Identifier un client (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="121"/>
        <source>&amp;Validate order (Ctrl+Return)</source>
        <translation>&amp;Valider la commande (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="132"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="133"/>
        <source>Copy the order number (Ctrl+Shift+C)</source>
        <translation>Copier le numéro de commande (Ctrl+Maj+C)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="194"/>
        <source>No client: identify the client first (F2).</source>
        <translation>Aucun client : identifiez d’abord le client (F2).</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="217"/>
        <source>Client: %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="359"/>
        <source>Order %1 recorded — total %2 · balance due %3</source>
        <translation>Commande %1 enregistrée — total %2 · reste à payer %3</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="199"/>
        <source>Change client (F2)</source>
        <translation>Changer de client (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="241"/>
        <source>Your unfinished order for %1 waits on New order (F3).</source>
        <translation>Votre commande non terminée pour %1 attend dans Nouvelle commande (F3).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/new_order.py" line="244"/>
        <source>%n unfinished orders of yours wait on New order (F3).</source>
        <translation>
            <numerusform>%n commande non terminée à vous attend dans Nouvelle commande (F3).</numerusform>
            <numerusform>%n commandes non terminées à vous attendent dans Nouvelle commande (F3).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order_drafts.py" line="154"/>
        <source>The unfinished order could not be restored.</source>
        <translation>La commande inachevée n’a pas pu être reprise.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="301"/>
        <source>Add at least one product to the order.</source>
        <translation>Ajoutez au moins un produit à la commande.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="305"/>
        <source>“%1” is typed but not added: Return adds it, Escape clears it.</source>
        <translation>« %1 » est tapé mais pas ajouté : Entrée l’ajoute, Échap l’efface.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/new_order.py" line="353"/>
        <source>No manager approved the discount: the order is not recorded.</source>
        <translation>Aucun gérant n’a accordé la remise : la commande n’est pas enregistrée.</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="41"/>
        <source>Operators</source>
        <translation>Opérateurs</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="52"/>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="53"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="55"/>
        <source>New &amp;password…</source>
        <translation>Nouveau mot de &amp;passe…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="57"/>
        <source>P&amp;IN…</source>
        <translation>Code P&amp;IN…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="59"/>
        <source>&amp;Clear wrong attempts</source>
        <translation>&amp;Effacer les essais erronés</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="72"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="149"/>
        <source>%1 added: they can sign in.</source>
        <translation>Opérateur %1 ajouté : connexion possible.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="161"/>
        <source>%1 saved.</source>
        <translation>Opérateur %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="171"/>
        <source>%1 has a new password: give it to them in person.</source>
        <translation>%1 a un nouveau mot de passe : donnez-le-lui en personne.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="181"/>
        <source>%1&apos;s PIN saved.</source>
        <translation>Code PIN de %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operators.py" line="197"/>
        <source>%1&apos;s wrong attempts cleared: they can sign in at once.</source>
        <translation>Essais erronés de %1 effacés : connexion possible tout de suite.</translation>
    </message>
</context>
<context>
    <name>OperatorsModel</name>
    <message>
        <location filename="../../ui/models/operators.py" line="43"/>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="44"/>
        <source>Name shown</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="45"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="46"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="47"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="48"/>
        <source>Last sign-in</source>
        <translation>Dernière connexion</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="49"/>
        <source>Wrong attempts</source>
        <translation>Essais erronés</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="63"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="63"/>
        <source>disabled</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="65"/>
        <source>set</source>
        <translation>défini</translation>
    </message>
    <message>
        <location filename="../../ui/models/operators.py" line="68"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
</context>
<context>
    <name>OrderInvoicing</name>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="47"/>
        <source>&amp;Make out the invoice…</source>
        <translation>Éta&amp;blir la facture…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="49"/>
        <source>&amp;Write a credit note…</source>
        <translation>Établir un avoir (&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="75"/>
        <source>Not invoiced</source>
        <translation>Non facturée</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="86"/>
        <source>Issue the invoice</source>
        <translation>Émettre la facture</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="88"/>
        <source>Issue the invoice of order %1? Once issued, an invoice never changes: a correction is a credit note.</source>
        <translation>Émettre la facture de la commande %1 ? Une fois émise, une facture ne change plus : une correction se fait par un avoir.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="112"/>
        <source>Invoice %1 issued.</source>
        <translation>Facture %1 émise.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_invoicing.py" line="127"/>
        <source>Credit note %1 issued.</source>
        <translation>Avoir %1 établi.</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../../ui/models/order_lines.py" line="159"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="160"/>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="161"/>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="162"/>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="163"/>
        <source>Line total</source>
        <translation>Total ligne</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="164"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_lines.py" line="196"/>
        <source>Only %1 available: the order will wait for stock.</source>
        <translation>Seulement %1 disponible(s) : la commande attendra le stock.</translation>
    </message>
</context>
<context>
    <name>OrderPayments</name>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="49"/>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="78"/>
        <source>Record pa&amp;yment…</source>
        <translation>Enregistrer un pa&amp;yement…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="80"/>
        <source>Refund…</source>
        <translation>Rembourser…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="132"/>
        <source>Received %1</source>
        <translation>Reçu %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="138"/>
        <source>refunded %1</source>
        <translation>remboursé %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="145"/>
        <source>Balance due %1 · %2</source>
        <translation>Reste à payer %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="197"/>
        <source>Refund of %1 recorded.</source>
        <translation>Remboursement de %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_payments.py" line="199"/>
        <source>Payment of %1 recorded.</source>
        <translation>Paiement de %1 enregistré.</translation>
    </message>
</context>
<context>
    <name>OrderRowsModel</name>
    <message>
        <location filename="../../ui/models/order_rows.py" line="34"/>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="35"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="36"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="37"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="38"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/models/order_rows.py" line="39"/>
        <source>Balance due</source>
        <translation>Reste à payer</translation>
    </message>
</context>
<context>
    <name>OrderView</name>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="89"/>
        <source>CMD-2026-000042, 2026-42 …</source>
        <translation>CMD-2026-000042, 2026-42 …</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="107"/>
        <source>Open the c&amp;lient</source>
        <translation>Ou&amp;vrir le client</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="129"/>
        <source>Status and delivery</source>
        <translation>Statut et livraison</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="136"/>
        <source>Note (required to cancel)</source>
        <translation>Note (obligatoire pour annuler)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="154"/>
        <source>Shipping &amp;date</source>
        <translation>&amp;Date d’expédition</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="91"/>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="93"/>
        <source>Order num&amp;ber:</source>
        <translation>N° de commande :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="149"/>
        <source>Stat&amp;us</source>
        <translation>Sta&amp;tut</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="150"/>
        <source>Not&amp;e</source>
        <translation>Not&amp;e</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="153"/>
        <source>&amp;Channel</source>
        <translation>Cana&amp;l</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="156"/>
        <source>Shippin&amp;g address</source>
        <translation>Adresse de livrais&amp;on</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="157"/>
        <source>Remar&amp;ks</source>
        <translation>Re&amp;marques</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="161"/>
        <source>Sa&amp;ve the order</source>
        <translation>Enre&amp;gistrer la commande</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="175"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="297"/>
        <source>Created %1</source>
        <translation>Créée le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="298"/>
        <source>shipped %1</source>
        <translation>expédiée le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="300"/>
        <source>delivered %1</source>
        <translation>livrée le %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="304"/>
        <source>Source: %1 · Shop&apos;s number: %2</source>
        <translation>Origine : %1 · N° boutique : %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="325"/>
        <source>The lines are fixed once the order is no longer to process.</source>
        <translation>Les lignes sont figées dès que la commande n’est plus « À traiter ».</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="254"/>
        <source>%1 (unchanged)</source>
        <translation>%1 (inchangé)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="258"/>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="412"/>
        <source>No manager approved the change: nothing was saved.</source>
        <translation>Aucun gérant n’a donné son accord : rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/order_view.py" line="418"/>
        <source>Order %1 saved.</source>
        <translation>Commande %1 enregistrée.</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <location filename="../../ui/tabs/orders.py" line="75"/>
        <source>All statuses</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="80"/>
        <source>All channels</source>
        <translation>Tous les canaux</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="91"/>
        <source>Cle&amp;ar</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="94"/>
        <source>Fi&amp;lter:</source>
        <translation>Fi&amp;ltrer :</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="100"/>
        <source>From: %1</source>
        <translation>Du : %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="100"/>
        <source>To: %1</source>
        <translation>Au : %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="103"/>
        <source>fro&amp;m</source>
        <translation>&amp;du</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="107"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="113"/>
        <source>&amp;Balance due only</source>
        <translation>Reste à &amp;payer seulement</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="163"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="169"/>
        <source>Clients&apos; ta&amp;g:</source>
        <translation>É&amp;tiquette client :</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="158"/>
        <source>All tags</source>
        <translation>Toutes les étiquettes</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="71"/>
        <source>Number, shop&apos;s number, client name or phone</source>
        <translation>Numéro, n° boutique, nom du client ou téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="325"/>
        <source>Counting…</source>
        <translation>Comptage…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="337"/>
        <source>The orders could not be read: %1</source>
        <translation>Impossible de lire les commandes : %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="351"/>
        <source>orders</source>
        <translation>commandes</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="351"/>
        <source>Export the orders shown</source>
        <translation>Exporter les commandes affichées</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="410"/>
        <source>Export cancelled: no file was written.</source>
        <translation>Export annulé : aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="406"/>
        <source>Export failed: %1</source>
        <translation>Échec de l’export : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/orders.py" line="329"/>
        <source>%1 orders · total excluding cancelled orders: %2</source>
        <translation>
            <numerusform>%1 commande · total hors commandes annulées : %2</numerusform>
            <numerusform>%1 commandes · total hors commandes annulées : %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/orders.py" line="368"/>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/orders.py" line="398"/>
        <source>%1 orders exported to %2</source>
        <translation>
            <numerusform>%1 commande exportée dans %2</numerusform>
            <numerusform>%1 commandes exportées dans %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <location filename="../../ui/models/orders_table.py" line="240"/>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="241"/>
        <source>Shop&apos;s number</source>
        <translation>N° boutique</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="242"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="243"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="244"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="245"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="246"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="247"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="248"/>
        <source>Shipping</source>
        <translation>Expédition</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="249"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/models/orders_table.py" line="250"/>
        <source>Balance due</source>
        <translation>Reste à payer</translation>
    </message>
</context>
<context>
    <name>PaperActions</name>
    <message>
        <location filename="../../ui/printing/actions.py" line="96"/>
        <source>Issue the invoice</source>
        <translation>Émettre la facture</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="98"/>
        <source>Order %1 has no invoice yet. Issue it now? Once issued, an invoice never changes: a correction is a credit note.</source>
        <translation>La commande %1 n&apos;a pas encore de facture. L&apos;émettre maintenant ? Une facture émise ne change plus : une correction se fait par un avoir.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="157"/>
        <source>The printer could not start: check it, then print again.</source>
        <translation>L&apos;imprimante n&apos;a pas pu démarrer : vérifiez-la, puis imprimez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="160"/>
        <source>%1 sent to the printer.</source>
        <translation>%1 envoyé à l&apos;imprimante.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="167"/>
        <source>Save as PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="169"/>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/actions.py" line="185"/>
        <source>%1 saved as %2.</source>
        <translation>%1 enregistré sous %2.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="211"/>
        <source>New password for %1</source>
        <translation>Nouveau mot de passe de %1</translation>
    </message>
</context>
<context>
    <name>PasswordPair</name>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="53"/>
        <source>&amp;Password</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="55"/>
        <source>Password &amp;again</source>
        <translation>&amp;Répéter le mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="65"/>
        <source>The two passwords differ: type the same one twice.</source>
        <translation>Les deux mots de passe diffèrent : tapez deux fois le même.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="70"/>
        <source>too short: %1 characters at least</source>
        <translation>trop court : %1 caractères au moins</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="71"/>
        <source>weak: longer is better (a phrase of a few words)</source>
        <translation>faible : plus long vaut mieux (une phrase de quelques mots)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="72"/>
        <source>fair: 12 characters or more would be better</source>
        <translation>moyen : 12 caractères ou plus seraient mieux</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="73"/>
        <source>good</source>
        <translation>bon</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="74"/>
        <source>strong</source>
        <translation>fort</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/password_pair.py" line="77"/>
        <source>Strength: %1</source>
        <translation>Solidité : %1</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="61"/>
        <source>Refund — %1</source>
        <translation>Remboursement — %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="61"/>
        <source>Record a payment — %1</source>
        <translation>Enregistrer un paiement — %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="68"/>
        <source>Received %1 · balance due %2</source>
        <translation>Reçu %1 · reste à payer %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="75"/>
        <source>150,00</source>
        <translation>150,00</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="86"/>
        <source>Cheque or receipt number (optional)</source>
        <translation>N° de chèque ou de ticket (facultatif)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="90"/>
        <source>Why the money is given back</source>
        <translation>Pourquoi l’argent est rendu</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="93"/>
        <source>&amp;Amount</source>
        <translation>&amp;Montant</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="94"/>
        <source>&amp;Method</source>
        <translation>Mo&amp;yen de paiement</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="95"/>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="96"/>
        <source>&amp;Reference</source>
        <translation>&amp;Référence</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="97"/>
        <source>Reaso&amp;n</source>
        <translation>Moti&amp;f</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="120"/>
        <source>Re&amp;fund</source>
        <translation>Rem&amp;bourser</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="120"/>
        <source>Rec&amp;ord</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/payment_dialog.py" line="126"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <location filename="../../ui/models/payments.py" line="32"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="33"/>
        <source>Method</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="34"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="35"/>
        <source>Reference or reason</source>
        <translation>Référence ou motif</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="36"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location filename="../../ui/models/payments.py" line="51"/>
        <source>Recorded %1</source>
        <translation>Enregistré le %1</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="39"/>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="40"/>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="41"/>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="42"/>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="43"/>
        <source>Last month</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="44"/>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="45"/>
        <source>Chosen dates</source>
        <translation>Dates choisies</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="50"/>
        <source>From: %1</source>
        <translation>Du : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="51"/>
        <source>To: %1</source>
        <translation>Au : %1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="56"/>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="58"/>
        <source>fro&amp;m</source>
        <translation>&amp;du</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="67"/>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/period_picker.py" line="112"/>
        <source>The period ends before it starts: type a last day on or after %1.</source>
        <translation>La période finit avant de commencer : tapez un dernier jour au %1 ou après.</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="242"/>
        <source>PIN of %1</source>
        <translation>Code PIN de %1</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="250"/>
        <source>4 to 6 digits</source>
        <translation>4 à 6 chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="251"/>
        <source>New &amp;PIN</source>
        <translation>Nouveau code &amp;PIN</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="252"/>
        <source>PIN &amp;again</source>
        <translation>&amp;Répéter le code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="253"/>
        <source>&amp;Remove the PIN</source>
        <translation>&amp;Supprimer le code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="263"/>
        <source>The two PINs differ: type the same one twice.</source>
        <translation>Les deux codes PIN diffèrent : tapez deux fois le même.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="45"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="49"/>
        <source>Follow the system</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="56"/>
        <source>Allow an order beyond the available stock (warn)</source>
        <translation>Accepter une commande au-delà du stock disponible (avec avertissement)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="67"/>
        <source>The language applies the next time GESTCO starts.</source>
        <translation>La langue s’applique au prochain démarrage de GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="74"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="75"/>
        <source>&amp;Currency</source>
        <translation>&amp;Devise</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="78"/>
        <source>Lock after (&amp;minutes idle)</source>
        <translation>&amp;Verrouiller après (minutes sans activité)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="79"/>
        <source>0: never</source>
        <translation>0 : jamais</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="83"/>
        <source>Manager for discounts a&amp;bove (%)</source>
        <translation>Gérant pour les &amp;remises au-delà de (%)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="85"/>
        <source>a clerk&apos;s larger discount asks a manager&apos;s PIN</source>
        <translation>une remise plus forte d’un vendeur demande le code PIN d’un gérant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="131"/>
        <source>Enter a currency code or sign, such as MAD or EUR.</source>
        <translation>Saisissez un code ou un symbole de devise, par exemple MAD ou EUR.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="140"/>
        <source>Type a whole number of minutes, from 0 (never lock) to %1.</source>
        <translation>Tapez un nombre entier de minutes, de 0 (ne jamais verrouiller) à %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/preferences.py" line="151"/>
        <source>Type a whole percentage from 0 to 100, such as 10.</source>
        <translation>Tapez un pourcentage entier de 0 à 100, par exemple 10.</translation>
    </message>
</context>
<context>
    <name>PrintButton</name>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="34"/>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="41"/>
        <source>Preview…</source>
        <translation>Aperçu…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="42"/>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/print_button.py" line="43"/>
        <source>Save as PDF…</source>
        <translation>Enregistrer en PDF…</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <location filename="../../ui/print_menu.py" line="43"/>
        <source>P&amp;rint the order&apos;s slip…</source>
        <translation>Imp&amp;rimer le bon de commande…</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="47"/>
        <source>Print the order&apos;s in&amp;voice…</source>
        <translation>Imprimer la &amp;facture de la commande…</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="52"/>
        <source>Previe&amp;w the order&apos;s slip…</source>
        <translation>&amp;Aperçu du bon de commande…</translation>
    </message>
    <message>
        <location filename="../../ui/print_menu.py" line="73"/>
        <source>Open an order first (or validate one): its papers print from there.</source>
        <translation>Ouvrez d&apos;abord une commande (ou validez-en une) : ses documents s&apos;impriment depuis celle-ci.</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../ui/models/imports.py" line="67"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="68"/>
        <source>What</source>
        <translation>Nature</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="69"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="70"/>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="71"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="78"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="78"/>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="86"/>
        <source>In the file: %1</source>
        <translation>Dans le fichier : %1</translation>
    </message>
</context>
<context>
    <name>ProductsModel</name>
    <message>
        <location filename="../../ui/models/products.py" line="45"/>
        <source>SKU</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="46"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="47"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="48"/>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="49"/>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="50"/>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="51"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="52"/>
        <source>Reorder at</source>
        <translation>Seuil</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="85"/>
        <source>To reorder: %1 available, reorder level %2.</source>
        <translation>À réapprovisionner : %1 disponible(s), seuil %2.</translation>
    </message>
    <message>
        <location filename="../../ui/models/products.py" line="98"/>
        <source>%1 (inactive)</source>
        <translation>%1 (inactif)</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/runtime/languages.py" line="30"/>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/languages.py" line="31"/>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/runtime/languages.py" line="28"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans&#xa0;:</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/languages.py" line="29"/>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichier&#xa0;:</translation>
    </message>
</context>
<context>
    <name>SearchTab</name>
    <message>
        <location filename="../../ui/tabs/search.py" line="103"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="104"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="117"/>
        <source>A phone number in any form, or a name</source>
        <translation>Un numéro de téléphone sous toute forme, ou un nom</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="118"/>
        <source>Fin&amp;d</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="123"/>
        <source>Tag:</source>
        <translation>Étiquette :</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="127"/>
        <source>Phone or name:</source>
        <translation>Téléphone ou nom :</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="145"/>
        <source>Sa&amp;ve changes</source>
        <translation>Enre&amp;gistrer les modifications</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="181"/>
        <source>Changes to this client</source>
        <translation>Modifications de ce client</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="199"/>
        <source>Orders and figures</source>
        <translation>Commandes et chiffres</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="200"/>
        <source>Notes, tags, consent</source>
        <translation>Notes, étiquettes, consentement</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="201"/>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="122"/>
        <source>(every client)</source>
        <translation>(tous les clients)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="311"/>
        <source>No client matches “%1”.</source>
        <translation>Aucun client ne correspond à « %1 ».</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="333"/>
        <source>%1 clients match: pick one (↓, Return).</source>
        <translation>%1 clients correspondent : choisissez-en un (↓, Entrée).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="335"/>
        <source>%1 of %2 clients shown: type more of the name.</source>
        <translation>
            <numerusform>%1 affiché sur %2 client : tapez la suite du nom.</numerusform>
            <numerusform>%1 affichés sur %2 clients : tapez la suite du nom.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/search.py" line="397"/>
        <source>%1 orders · %2 spent, excluding cancelled orders · last order %3</source>
        <translation>
            <numerusform>%1 commande · %2 dépensés hors commandes annulées · dernière commande le %3</numerusform>
            <numerusform>%1 commandes · %2 dépensés hors commandes annulées · dernière commande le %3</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="411"/>
        <source>Average basket %1 · usually buys %2</source>
        <translation>Panier moyen %1 · achète d’habitude %2</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="413"/>
        <source>Average basket %1</source>
        <translation>Panier moyen %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/search.py" line="442"/>
        <source>Client saved.</source>
        <translation>Client enregistré.</translation>
    </message>
</context>
<context>
    <name>ShopDetailsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="58"/>
        <source>Shop details</source>
        <translation>Coordonnées de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="83"/>
        <source>Morocco&apos;s identifiers</source>
        <translation>Identifiants (Maroc)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="84"/>
        <source>France&apos;s identifiers</source>
        <translation>Identifiants (France)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="93"/>
        <source>Documents&apos; lang&amp;uage</source>
        <translation>Lang&amp;ue des documents</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="163"/>
        <source>The window&apos;s language</source>
        <translation>Celle de la fenêtre</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="191"/>
        <source>C&amp;hoose an image…</source>
        <translation>C&amp;hoisir une image…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="193"/>
        <source>Remove the lo&amp;go</source>
        <translation>Retirer le lo&amp;go</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="226"/>
        <source>Invoices also need: %1.</source>
        <translation>Les factures demandent aussi : %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="238"/>
        <source>No logo</source>
        <translation>Pas de logo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="253"/>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shop_details.py" line="254"/>
        <source>The shop&apos;s logo</source>
        <translation>Le logo de la boutique</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="126"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="129"/>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="129"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>ShownClient</name>
    <message>
        <location filename="../../ui/widgets/shown_client.py" line="58"/>
        <source>This client was just changed on another screen or workstation: Save shows their version first, then make your change again.</source>
        <translation>Ce client vient d’être modifié sur un autre écran ou poste : Enregistrer affiche d’abord sa version, refaites ensuite votre modification.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/shown_client.py" line="68"/>
        <source>Updated: these are the client&apos;s details as just saved elsewhere.</source>
        <translation>Mis à jour : voici la fiche du client telle qu’elle vient d’être enregistrée ailleurs.</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="88"/>
        <source>&amp;Sign in</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="88"/>
        <source>Un&amp;lock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="92"/>
        <source>&amp;Username</source>
        <translation>&amp;Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="94"/>
        <source>&amp;PIN or password</source>
        <translation>&amp;PIN ou mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="94"/>
        <source>&amp;Password</source>
        <translation>&amp;Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="114"/>
        <source>GESTCO — sign in</source>
        <translation>GESTCO — connexion</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="115"/>
        <source>Type your username and your password.</source>
        <translation>Tapez votre nom d’utilisateur et votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="126"/>
        <source>Workstation locked</source>
        <translation>Poste verrouillé</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="129"/>
        <source>Locked — %1 (%2)</source>
        <translation>Verrouillé — %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="134"/>
        <source>Your PIN or password to unlock. Another operator: type your own username.</source>
        <translation>Votre code PIN ou votre mot de passe pour déverrouiller. Un autre opérateur : tapez votre propre nom d’utilisateur.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/sign_in.py" line="153"/>
        <source>Type your username.</source>
        <translation>Tapez votre nom d’utilisateur.</translation>
    </message>
</context>
<context>
    <name>StockMovementBox</name>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="37"/>
        <source>Stock movement</source>
        <translation>Mouvement de stock</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="47"/>
        <source>Supplier reference (optional)</source>
        <translation>Référence fournisseur (facultative)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="48"/>
        <source>Rec&amp;eive</source>
        <translation>Récep&amp;tionner</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="55"/>
        <source>Reason (required)</source>
        <translation>Motif (obligatoire)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="56"/>
        <source>&amp;Correct</source>
        <translation>C&amp;orriger</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="60"/>
        <source>Receipt</source>
        <translation>Réception</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="67"/>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/stock_movement_box.py" line="124"/>
        <source>%1: %2 on hand, %3 available.</source>
        <translation>%1 : %2 en stock, %3 disponible(s).</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <location filename="../../ui/tabs/stock.py" line="83"/>
        <source>SKU or product name</source>
        <translation>Référence ou nom du produit</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="89"/>
        <source>E&amp;xport the reorder list…</source>
        <translation>E&amp;xporter la liste à réapprovisionner…</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="131"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="135"/>
        <source>S&amp;KU</source>
        <translation>Référ&amp;ence</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="136"/>
        <source>Na&amp;me</source>
        <translation>No&amp;m</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="149"/>
        <source>Sa&amp;ve the product</source>
        <translation>Enre&amp;gistrer le produit</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="85"/>
        <source>Onl&amp;y to reorder</source>
        <translation>Seu&amp;lement à réapprovisionner</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="87"/>
        <source>Ne&amp;w product</source>
        <translation>Nouveau pro&amp;duit</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="93"/>
        <source>Find:</source>
        <translation>C&amp;hercher :</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="138"/>
        <source>&amp;Price incl. VAT</source>
        <translation>&amp;Prix TTC</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="140"/>
        <source>V&amp;AT rate (%)</source>
        <translation>Taux de TVA (%)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="144"/>
        <source>Reor&amp;der level</source>
        <translation>Seuil d’alerte</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="146"/>
        <source>On sa&amp;le (active)</source>
        <translation>En &amp;vente (actif)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="309"/>
        <source>Product %1</source>
        <translation>Produit %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="311"/>
        <source>New product</source>
        <translation>Nouveau produit</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="315"/>
        <source>Movements of %1</source>
        <translation>Mouvements de %1</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="347"/>
        <source>Product %1 saved.</source>
        <translation>Produit %1 enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="353"/>
        <source>to-reorder</source>
        <translation>a-reapprovisionner</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="355"/>
        <source>Export the reorder list</source>
        <translation>Exporter la liste à réapprovisionner</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="355"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/tabs/stock.py" line="377"/>
        <source>Export failed: %1</source>
        <translation>Échec de l’export : %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/tabs/stock.py" line="380"/>
        <source>%1 products to reorder exported to %2</source>
        <translation>
            <numerusform>%1 produit à réapprovisionner exporté dans %2</numerusform>
            <numerusform>%1 produits à réapprovisionner exportés dans %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ToolsMenu</name>
    <message>
        <location filename="../../ui/tools_menu.py" line="41"/>
        <source>&amp;Tools</source>
        <translation>O&amp;utils</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="42"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="44"/>
        <source>&amp;Restore a backup…</source>
        <translation>&amp;Restaurer une sauvegarde…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="46"/>
        <source>&amp;Audit trail…</source>
        <translation>&amp;Journal d’audit…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="48"/>
        <source>&amp;Operators…</source>
        <translation>&amp;Opérateurs…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="51"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="53"/>
        <source>S&amp;hop details…</source>
        <translation>Coordonnées de la &amp;boutique…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="54"/>
        <source>In&amp;voices…</source>
        <translation>Fact&amp;ures…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="56"/>
        <source>Database &amp;connection…</source>
        <translation>&amp;Connexion à la base de données…</translation>
    </message>
    <message>
        <location filename="../../ui/tools_menu.py" line="111"/>
        <source>The new database connection is used from GESTCO&apos;s next start.</source>
        <translation>La nouvelle connexion à la base est utilisée au prochain démarrage de GESTCO.</translation>
    </message>
</context>
<context>
    <name>WaitCountdown</name>
    <message>
        <location filename="../../ui/widgets/countdown.py" line="65"/>
        <source>You can try again now.</source>
        <translation>Vous pouvez réessayer maintenant.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/countdown.py" line="69"/>
        <source>Too many wrong attempts: wait %1, then try again.</source>
        <translation>Trop d’essais erronés : attendez %1, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>WatchFolderBox</name>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="28"/>
        <source>Watched folder (this workstation)</source>
        <translation>Dossier surveillé (ce poste)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="32"/>
        <source>&amp;Watch a folder for orders files</source>
        <translation>&amp;Surveiller un dossier de fichiers de commandes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="38"/>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="43"/>
        <source>A file dropped there is imported (its valid orders), then moved to done/, or to failed/ when some were refused, with a report beside it. The folder is watched while a manager or an administrator is signed in here.</source>
        <translation>Un fichier déposé là est importé (ses commandes valides), puis rangé dans done/, ou dans failed/ si certaines ont été refusées, avec un compte rendu à côté. Le dossier est surveillé tant qu’un gérant ou un administrateur est connecté sur ce poste.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="51"/>
        <source>&amp;Folder</source>
        <translation>Dossi&amp;er</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/watch_folder_box.py" line="69"/>
        <source>The folder to watch</source>
        <translation>Le dossier à surveiller</translation>
    </message>
</context>
<context>
    <name>WatchedFolder</name>
    <message numerus="yes">
        <location filename="../../ui/runtime/watched_folder.py" line="82"/>
        <source>%n orders imported from %1</source>
        <translation>
            <numerusform>%n commande importée de %1</numerusform>
            <numerusform>%n commandes importées de %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runtime/watched_folder.py" line="84"/>
        <source>%1 was imported before: nothing imported again.</source>
        <translation>%1 a déjà été importé : rien n’a été importé de nouveau.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/runtime/watched_folder.py" line="87"/>
        <source>%n orders imported from %1, others refused: see its report in failed/</source>
        <translation>
            <numerusform>%n commande importée de %1, d’autres refusées : compte rendu dans failed/</numerusform>
            <numerusform>%n commandes importées de %1, d’autres refusées : compte rendu dans failed/</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/runtime/watched_folder.py" line="92"/>
        <source>%1 could not be imported: see its report in failed/</source>
        <translation>%1 n’a pas pu être importé : voir son compte rendu dans failed/</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="46"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/operator_forms.py" line="48"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>_TagList</name>
    <message>
        <location filename="../../ui/widgets/client_tags.py" line="74"/>
        <source>Delete takes the chosen tag off</source>
        <translation>Suppr retire l’étiquette choisie</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="136"/>
        <source>There is no database at %1. Create a new, empty database there? If the shop&apos;s data should be there, open the right file instead.</source>
        <translation>Il n&apos;y a pas de base de données à %1. Créer là une nouvelle base, vide ? Si les données de la boutique devraient s&apos;y trouver, ouvrez plutôt le bon fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="144"/>
        <source>&amp;Create a new database</source>
        <translation>&amp;Créer une nouvelle base</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="162"/>
        <source>&amp;Open another file…</source>
        <translation>&amp;Ouvrir un autre fichier…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="166"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="176"/>
        <source>Open a GESTCO database</source>
        <translation>Ouvrir une base GESTCO</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="189"/>
        <source>The file is not damaged and nothing was changed in it.</source>
        <translation>Le fichier n&apos;est pas endommagé et rien n&apos;y a été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="252"/>
        <source>Password:</source>
        <translation>Mot de passe :</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="268"/>
        <source>Connection &amp;settings…</source>
        <translation>Réglages de &amp;connexion…</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../../ui/display/audit_words.py" line="30"/>
        <location filename="../../ui/display/audit_words.py" line="71"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="31"/>
        <location filename="../../ui/display/audit_words.py" line="58"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="32"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="33"/>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="34"/>
        <source>Setting</source>
        <translation>Paramètre</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="35"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="36"/>
        <source>Sign-in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="37"/>
        <source>Failed sign-in</source>
        <translation>Connexion refusée</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="38"/>
        <source>Sign-in while waiting</source>
        <translation>Connexion pendant l’attente</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="39"/>
        <source>Sign-out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="40"/>
        <source>Lock</source>
        <translation>Verrouillage</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="41"/>
        <source>Approval</source>
        <translation>Accord</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="42"/>
        <source>Failed approval</source>
        <translation>Accord refusé</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="43"/>
        <source>Wrong attempts cleared</source>
        <translation>Essais erronés effacés</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="48"/>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="49"/>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="52"/>
        <source>invoice</source>
        <translation>facture</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="53"/>
        <source>credit note</source>
        <translation>avoir</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="57"/>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="59"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="60"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="61"/>
        <source>Shipping date</source>
        <translation>Date d’expédition</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="62"/>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="63"/>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="64"/>
        <source>Shipping address</source>
        <translation>Adresse de livraison</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="65"/>
        <source>Remarks</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="66"/>
        <source>Total excl. tax</source>
        <translation>Total HT</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="67"/>
        <source>Tax</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="68"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="69"/>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="72"/>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="73"/>
        <source>Payment method</source>
        <translation>Moyen de paiement</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="74"/>
        <source>Paid on</source>
        <translation>Payé le</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="75"/>
        <source>Payment reference</source>
        <translation>Référence du paiement</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="76"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="77"/>
        <source>Invoice credited</source>
        <translation>Facture créditée</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="79"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="80"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="81"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="82"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="83"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="84"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="85"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="86"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="87"/>
        <source>Tags</source>
        <translation>Étiquettes</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="88"/>
        <source>Marketing consent</source>
        <translation>Consentement marketing</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="89"/>
        <source>Consent given or withdrawn</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="90"/>
        <source>Anonymised</source>
        <translation>Anonymisation</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="91"/>
        <source>Kind of contact</source>
        <translation>Type de contact</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="93"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="94"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="95"/>
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="96"/>
        <source>Tax rate</source>
        <translation>Taux de TVA</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="97"/>
        <source>Reorder level</source>
        <translation>Seuil de réassort</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="98"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="99"/>
        <source>On hand</source>
        <translation>En rayon</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="100"/>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="102"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="103"/>
        <source>Username</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="104"/>
        <source>Name shown</source>
        <translation>Nom affiché</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="105"/>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="106"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="107"/>
        <source>PIN</source>
        <translation>Code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="139"/>
        <source>%1 × %2 at %3</source>
        <translation>%1 × %2 à %3</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="140"/>
        <source>%1, discount %2</source>
        <translation>%1, remise %2</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="245"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="246"/>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>auditNote</name>
    <message>
        <location filename="../../ui/display/audit_words.py" line="114"/>
        <source>PIN</source>
        <translation>code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="115"/>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="116"/>
        <source>without a secret (tests, automation)</source>
        <translation>sans secret (tests, automatisation)</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="117"/>
        <source>anonymised: the former values are not kept</source>
        <translation>anonymisé : les anciennes valeurs ne sont pas conservées</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="120"/>
        <source>operator disabled</source>
        <translation>opérateur désactivé</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="121"/>
        <source>set</source>
        <translation>défini</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="122"/>
        <source>changed</source>
        <translation>changé</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="123"/>
        <source>removed</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="125"/>
        <source>cleared by an administrator</source>
        <translation>effacés par un administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="126"/>
        <source>new password</source>
        <translation>nouveau mot de passe</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="127"/>
        <source>new PIN</source>
        <translation>nouveau code PIN</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="128"/>
        <source>PIN removed</source>
        <translation>code PIN supprimé</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="129"/>
        <source>enabled again</source>
        <translation>réactivé</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="132"/>
        <source>delay %1</source>
        <translation>délai %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="134"/>
        <source>%1 still to wait</source>
        <translation>encore %1 à attendre</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="136"/>
        <source>wrong attempts: %1</source>
        <translation>essais erronés : %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/audit_words.py" line="138"/>
        <source>the role %1 approves nothing</source>
        <translation>le rôle %1 n’accorde rien</translation>
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
        <translation>Exporter les données du client</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../ui/display/core_messages.py" line="9"/>
        <source>--db is empty: name the database file or server.</source>
        <translation>--db est vide : indiquez le fichier de la base ou le serveur.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="10"/>
        <source>--every is a number of seconds from 0.5 to 3600.</source>
        <translation>--every est un nombre de secondes de 0.5 à 3600.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="11"/>
        <source>--from and --to choose invoices: export invoices.</source>
        <translation>--from et --to choisissent des factures : export invoices.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="12"/>
        <source>--from {start} is after --to {end}: give the first day first.</source>
        <translation>--from {start} est après --to {end} : donnez d&apos;abord le premier jour.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="13"/>
        <source>--tag picks orders: gestco export orders --tag TAG.</source>
        <translation>--tag choisit des commandes : gestco export orders --tag ÉTIQUETTE.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="14"/>
        <source>--{name} must be a whole number from {low} to 10,000,000.</source>
        <translation>--{name} doit être un nombre entier de {low} à 10 000 000.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="15"/>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>Un code PIN compte de 4 à 6 chiffres.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="16"/>
        <source>A SIREN is 9 digits (a SIRET 14), such as 732 829 320.</source>
        <translation>Un SIREN compte 9 chiffres (un SIRET 14), par exemple 732 829 320.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="17"/>
        <source>A client has at most {n} tags: remove one first.</source>
        <translation>Un client a au plus {n} étiquettes : retirez-en une d’abord.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="18"/>
        <source>A deposit is money received: enter a positive amount.</source>
        <translation>Un acompte est de l’argent reçu : saisissez un montant positif.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="19"/>
        <source>A line or an order totals at most {limit}: split it or check the amounts.</source>
        <translation>Une ligne ou une commande fait au plus {limit} : scindez-la ou vérifiez les montants.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="22"/>
        <source>A password has at least {n} characters.</source>
        <translation>Un mot de passe compte au moins {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="23"/>
        <source>A password has at most {n} characters.</source>
        <translation>Un mot de passe compte au plus {n} caractères.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="24"/>
        <source>A payment cannot be dated after today.</source>
        <translation>Un paiement ne peut pas être daté après aujourd&apos;hui.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="25"/>
        <source>A payment of 0.00 records nothing: enter the amount.</source>
        <translation>Un paiement de 0,00 n&apos;enregistre rien : saisissez le montant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="26"/>
        <source>A percentage has at most two decimal places.</source>
        <translation>Un pourcentage a au plus deux décimales.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="27"/>
        <source>A phone number has only digits, spaces and an optional leading +.</source>
        <translation>Un numéro de téléphone ne contient que des chiffres, des espaces et éventuellement un + au début.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="28"/>
        <source>A price cannot be negative.</source>
        <translation>Un prix ne peut pas être négatif.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="29"/>
        <source>A price has at most two decimal places.</source>
        <translation>Un prix a au plus deux décimales.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="30"/>
        <source>A price is at most {limit}: check the amount.</source>
        <translation>Un prix est d’au plus {limit} : vérifiez le montant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="31"/>
        <source>A quantity is at most {n}: check it.</source>
        <translation>Une quantité est d’au plus {n} : vérifiez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="32"/>
        <source>A username has only letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;, such as gerant.</source>
        <translation>Un identifiant ne contient que des lettres, des chiffres, «&#xa0;.&#xa0;», «&#xa0;_&#xa0;» et «&#xa0;-&#xa0;», par exemple gerant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="35"/>
        <source>A username is written in one alphabet: &apos;{letter}&apos; ({code}) is not from the same one as &apos;{first}&apos;. Retype it on one keyboard layout.</source>
        <translation>Un nom d’utilisateur s’écrit dans un seul alphabet : « {letter} » ({code}) n’est pas du même que « {first} ». Retapez-le avec une seule disposition de clavier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="39"/>
        <source>Add at least one product to the order.</source>
        <translation>Ajoutez au moins un produit à la commande.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="40"/>
        <source>An ICE is 15 digits, such as 001561191000066.</source>
        <translation>Un ICE compte 15 chiffres, par exemple 001561191000066.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="41"/>
        <source>An amount cannot be negative here.</source>
        <translation>Un montant ne peut pas être négatif ici.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="42"/>
        <source>An amount has at most two decimal places.</source>
        <translation>Un montant a au plus deux décimales.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="43"/>
        <source>An amount is at most {limit}: check it.</source>
        <translation>Un montant vaut au plus {limit} : vérifiez-le.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="44"/>
        <source>An order has at most {n} lines.</source>
        <translation>Une commande a au plus {n} lignes.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="45"/>
        <source>An order holds at most {n} lines.</source>
        <translation>Une commande compte au plus {n} lignes.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="46"/>
        <source>An order&apos;s total is at most {limit}: split it.</source>
        <translation>Le total d&apos;une commande vaut au plus {limit} : divisez-la.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="47"/>
        <source>Another workstation has held the data this change needs for {seconds} s: nothing was saved. Try again in a moment.</source>
        <translation>Un autre poste bloque depuis {seconds} s les données dont cette modification a besoin : rien n’a été enregistré. Réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="51"/>
        <source>Cannot create the folder for {path}: {reason}.</source>
        <translation>Impossible de créer le dossier de {path} : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="52"/>
        <source>Cannot reach the database server: {reason}.</source>
        <translation>Impossible de joindre le serveur de base de données : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="53"/>
        <source>Cannot reach the server {server}: check that it is started and that this computer can reach it on the network ({reason}).</source>
        <translation>Impossible de joindre le serveur {server} : vérifiez qu’il est démarré et que cet ordinateur peut le joindre sur le réseau ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="57"/>
        <source>Cannot restore into {path}: {reason}.</source>
        <translation>Impossible de restaurer dans {path} : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="58"/>
        <source>Cannot save this workstation&apos;s settings in {path}: {reason}.</source>
        <translation>Impossible d’enregistrer les réglages de ce poste dans {path} : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="59"/>
        <source>Cannot ship: only {reserved} {product} are reserved, the order needs {needed}. Run `gestco check`.</source>
        <translation>Expédition impossible : seulement {reserved} « {product} » réservé(s), la commande en demande {needed}. Lancez `gestco check`.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="63"/>
        <source>Cannot ship: {product} has {on_hand} on hand, the order needs {needed}. Receive stock first.</source>
        <translation>Expédition impossible : {product} a {on_hand} en stock, la commande en demande {needed}. Réceptionnez d’abord du stock.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="67"/>
        <source>Cannot write the backup in {directory}: {reason}.</source>
        <translation>Impossible d’écrire la sauvegarde dans {directory} : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="68"/>
        <source>Check the payment&apos;s date.</source>
        <translation>Vérifiez la date du paiement.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="69"/>
        <source>Choose JSON or CSV.</source>
        <translation>Choisissez JSON ou CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="70"/>
        <source>Choose a PNG or JPEG image for the logo.</source>
        <translation>Choisissez une image PNG ou JPEG pour le logo.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="71"/>
        <source>Choose a channel among: {channels}.</source>
        <translation>Choisissez un canal parmi : {channels}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="72"/>
        <source>Choose a date.</source>
        <translation>Choisissez une date.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="73"/>
        <source>Choose a product from the catalogue.</source>
        <translation>Choisissez un produit du catalogue.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="74"/>
        <source>Choose a product.</source>
        <translation>Choisissez un produit.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="75"/>
        <source>Choose a role among: {roles}.</source>
        <translation>Choisissez un rôle parmi : {roles}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="76"/>
        <source>Choose a shipping date.</source>
        <translation>Choisissez une date d’expédition.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="77"/>
        <source>Choose how it was paid among: {methods}.</source>
        <translation>Choisissez le mode de paiement parmi : {methods}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="78"/>
        <source>Choose the day it was paid.</source>
        <translation>Choisissez le jour du paiement.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="79"/>
        <source>Choose the folder to watch.</source>
        <translation>Choisissez le dossier à surveiller.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="80"/>
        <source>Choose the shop&apos;s country: MA (Morocco) or FR (France).</source>
        <translation>Choisissez le pays de la boutique : MA (Maroc) ou FR (France).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="81"/>
        <source>Choose what kind of contact this was.</source>
        <translation>Choisissez le type de contact.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="82"/>
        <source>Client details are missing.</source>
        <translation>La fiche client est vide.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="83"/>
        <source>Clients are imported from CSV or vCard files; this one is JSON.</source>
        <translation>Les clients s&apos;importent depuis un fichier CSV ou vCard ; celui-ci est en JSON.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="84"/>
        <source>Enter a SKU without spaces, such as CAF-250.</source>
        <translation>Saisissez une référence sans espace, par exemple CAF-250.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="85"/>
        <source>Enter a date such as 2025-10-07 09:50 or 07/10/2025.</source>
        <translation>Saisissez une date comme 2025-10-07 09:50 ou 07/10/2025.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="86"/>
        <source>Enter a non-zero whole number (negative to remove).</source>
        <translation>Saisissez un nombre entier non nul (négatif pour retirer).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="87"/>
        <source>Enter a password.</source>
        <translation>Saisissez un mot de passe.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="88"/>
        <source>Enter a percentage between 0 and 100, for example 20.</source>
        <translation>Saisissez un pourcentage entre 0 et 100, par exemple 20.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="89"/>
        <source>Enter a percentage between 0 and 100.</source>
        <translation>Saisissez un pourcentage entre 0 et 100.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="90"/>
        <source>Enter a price as a number, for example 12.50.</source>
        <translation>Saisissez un prix en chiffres, par exemple 12,50.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="91"/>
        <source>Enter a quantity of at least 1.</source>
        <translation>Saisissez une quantité d’au moins 1.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="92"/>
        <source>Enter a username.</source>
        <translation>Saisissez un identifiant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="93"/>
        <source>Enter a whole number of units, such as 3.</source>
        <translation>Saisissez un nombre entier d’unités, par exemple 3.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="94"/>
        <source>Enter a whole number of units.</source>
        <translation>Saisissez un nombre entier d’unités.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="95"/>
        <source>Enter an amount as a number, for example 12.50.</source>
        <translation>Saisissez un montant en chiffres, par exemple 12,50.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="96"/>
        <source>Enter an amount, for example 150.00 (-20.00 refunds).</source>
        <translation>Saisissez un montant, par exemple 150,00 (-20,00 rembourse).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="97"/>
        <source>Enter an amount, for example 150.00.</source>
        <translation>Saisissez un montant, par exemple 150,00.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="98"/>
        <source>Enter text here.</source>
        <translation>Saisissez du texte ici.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="99"/>
        <source>Enter the client&apos;s name (last name or first name).</source>
        <translation>Saisissez le nom du client (nom ou prénom).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="100"/>
        <source>Enter the client&apos;s phone number.</source>
        <translation>Saisissez le numéro de téléphone du client.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="101"/>
        <source>Enter the country as a two-letter code, such as MA or FR.</source>
        <translation>Saisissez le pays en code à deux lettres, par exemple MA ou FR.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="102"/>
        <source>Enter the name of the shop&apos;s database on the server.</source>
        <translation>Saisissez le nom de la base de la boutique sur le serveur.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="103"/>
        <source>Enter the product&apos;s name.</source>
        <translation>Saisissez le nom du produit.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="104"/>
        <source>Enter the server&apos;s name or address, such as 192.168.1.10.</source>
        <translation>Saisissez le nom ou l’adresse du serveur, par exemple 192.168.1.10.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="105"/>
        <source>Enter the user name GESTCO connects with.</source>
        <translation>Saisissez le nom d’utilisateur avec lequel GESTCO se connecte.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="106"/>
        <source>Fill in the shop&apos;s details.</source>
        <translation>Renseignez les coordonnées de la boutique.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="107"/>
        <source>GESTCO cannot write in {folder} ({reason}): it moves the files it imports to done/ and failed/, so it imports none while it cannot.</source>
        <translation>GESTCO ne peut pas écrire dans {folder} ({reason}) : il range les fichiers importés dans done/ et failed/, il n’en importe donc aucun tant qu’il ne le peut pas.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="111"/>
        <source>GESTCO cannot write in {path} ({reason}): it moves the files it imports to done/ and failed/ there. Choose a folder you may write in.</source>
        <translation>GESTCO ne peut pas écrire dans {path} ({reason}) : il y range les fichiers importés dans done/ et failed/. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="115"/>
        <source>Give a line as SKU:QTY, such as CAF-250:2.</source>
        <translation>Indiquez une ligne sous la forme SKU:QTÉ, par exemple CAF-250:2.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="116"/>
        <source>Give a postgresql://user:password@host:5432/name URL.</source>
        <translation>Donnez une URL postgresql://utilisateur:motdepasse@hôte:5432/nom.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="117"/>
        <source>Give the date as YYYY-MM-DD, such as 2026-12-02.</source>
        <translation>Indiquez la date au format AAAA-MM-JJ, par exemple 2026-12-02.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="118"/>
        <source>Give the day as YYYY-MM-DD, such as 2026-12-02.</source>
        <translation>Indiquez le jour au format AAAA-MM-JJ, par exemple 2026-12-02.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="119"/>
        <source>Give the day as YYYY-MM-DD.</source>
        <translation>Donnez le jour sous la forme AAAA-MM-JJ.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="120"/>
        <source>Give the folder&apos;s full path, such as {example}.</source>
        <translation>Indiquez le chemin complet du dossier, par exemple {example}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="121"/>
        <source>Identify the client first.</source>
        <translation>Identifiez d’abord le client.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="122"/>
        <source>Keep this on one line: remove the line breaks and tabs.</source>
        <translation>Une seule ligne ici : retirez les retours à la ligne et les tabulations.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="123"/>
        <source>Lines can only change while the order is still to process (pending).</source>
        <translation>Les lignes ne peuvent changer que tant que la commande est « À traiter ».</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="126"/>
        <source>Name a PDF file: {path} does not end in .pdf.</source>
        <translation>Indiquez un fichier PDF : {path} ne se termine pas par .pdf.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="127"/>
        <source>No active operator {username}.</source>
        <translation>Aucun opérateur actif {username}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="128"/>
        <source>No backup at {path}.</source>
        <translation>Aucune sauvegarde à {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="129"/>
        <source>No client has the tag {tag}.</source>
        <translation>Aucun client n’a l’étiquette {tag}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="130"/>
        <source>No client has this number.</source>
        <translation>Aucun client n’a ce numéro.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="131"/>
        <source>No database file at {path}.</source>
        <translation>Aucun fichier de base à {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="132"/>
        <source>No invoice or credit note {number}.</source>
        <translation>Aucune facture ni aucun avoir {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="133"/>
        <source>No invoice {number}.</source>
        <translation>Aucune facture {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="134"/>
        <source>No operator {username}.</source>
        <translation>Aucun opérateur {username}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="135"/>
        <source>No order {number}.</source>
        <translation>Aucune commande {number}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="136"/>
        <source>No phone for this client, and no client has the e-mail {email}: GESTCO knows its clients by phone.</source>
        <translation>Pas de téléphone pour ce client, et aucun client n&apos;a l&apos;e-mail {email} : GESTCO reconnaît ses clients à leur téléphone.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="140"/>
        <source>No product has the SKU {sku}: add it to the catalogue first (an import never creates a product).</source>
        <translation>Aucun article n&apos;a la référence {sku} : ajoutez-le d&apos;abord au catalogue (un import ne crée jamais d&apos;article).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="144"/>
        <source>No terminal to ask the PIN on: give it with --pin-stdin.</source>
        <translation>Aucun terminal où demander le code PIN : donnez-le avec --pin-stdin.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="145"/>
        <source>No terminal to ask the password on: give it with --password-stdin.</source>
        <translation>Pas de terminal où demander le mot de passe : donnez-le avec --password-stdin.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="146"/>
        <source>No terminal to confirm on: add --yes to anonymise this client.</source>
        <translation>Pas de terminal pour confirmer : ajoutez --yes pour anonymiser ce client.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="147"/>
        <source>Nobody is signed in on this workstation: sign in first.</source>
        <translation>Personne n’est connecté sur ce poste : connectez-vous d’abord.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="148"/>
        <source>Not allowed for {operator} ({role}): {what}. This needs a {roles}.</source>
        <translation>Non autorisé pour {operator} ({role}) : {what}. Il faut un rôle {roles}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="149"/>
        <source>Nothing was typed: nothing was changed.</source>
        <translation>Rien n’a été tapé : rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="150"/>
        <source>Only {left} of {sku} are left to credit on this invoice, not {asked}.</source>
        <translation>Il ne reste que {left} {sku} à créditer sur cette facture, pas {asked}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="153"/>
        <source>Only {n} {product} available.</source>
        <translation>Seulement {n} « {product} » disponible(s).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="154"/>
        <source>Only {on_hand} on hand: cannot remove {n}.</source>
        <translation>Seulement {on_hand} en stock : impossible d’en retirer {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="155"/>
        <source>Open an order first.</source>
        <translation>Ouvrez d’abord une commande.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="156"/>
        <source>Open {path} once with this GESTCO first (its schema is {found}, this program writes {known}).</source>
        <translation>Ouvrez d’abord {path} une fois avec ce GESTCO (son schéma est {found}, ce programme écrit le {known}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="160"/>
        <source>Order {order} is in the file twice (first at line {line}): keep one of them.</source>
        <translation>La commande {order} figure deux fois dans le fichier (la première à la ligne {line}) : gardez-en une seule.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="163"/>
        <source>Product details are missing.</source>
        <translation>La fiche produit est vide.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="164"/>
        <source>Say whether the client agrees: yes or no.</source>
        <translation>Indiquez si le client accepte : oui ou non.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="165"/>
        <source>Say why the money is given back.</source>
        <translation>Indiquez pourquoi cette somme est remboursée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="166"/>
        <source>Say why the order is cancelled.</source>
        <translation>Indiquez pourquoi la commande est annulée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="167"/>
        <source>Say why the stock is corrected (count, breakage, ...).</source>
        <translation>Indiquez pourquoi le stock est corrigé (inventaire, casse…).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="168"/>
        <source>Someone else changed this client in the meantime: their version is shown, check it and make your change again.</source>
        <translation>Quelqu’un d’autre a modifié ce client entre-temps : sa version est affichée, vérifiez-la et refaites votre modification.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="172"/>
        <source>Standard input is not UTF-8 text: nothing was changed.</source>
        <translation>L’entrée standard n’est pas du texte UTF-8 : rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="173"/>
        <source>That is more than {number} still owes ({due}): nothing was recorded. Give the change back, or record only what is due.</source>
        <translation>C&apos;est plus que le reste dû de {number} ({due}) : rien n&apos;a été enregistré. Rendez la monnaie, ou n&apos;enregistrez que ce qui est dû.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="177"/>
        <source>The SKU {sku} is already used.</source>
        <translation>La référence {sku} est déjà utilisée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="178"/>
        <source>The approval has expired or was already used: ask for it again.</source>
        <translation>L’accord a expiré ou a déjà servi : demandez-le de nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="179"/>
        <source>The backup did not pass its check ({problem}); it was deleted.</source>
        <translation>La sauvegarde n’a pas passé sa vérification ({problem}) ; elle a été supprimée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="180"/>
        <source>The backup failed: {reason}.</source>
        <translation>La sauvegarde a échoué : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="181"/>
        <source>The bench writes test orders: on a server, give it an empty database of its own (this one holds a shop&apos;s data).</source>
        <translation>Le banc d&apos;essai écrit des commandes de test : sur un serveur, donnez-lui une base vide rien qu&apos;à lui (celle-ci contient les données d&apos;une boutique).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="185"/>
        <source>The change notices from the server stopped: {reason}.</source>
        <translation>Les avis de changement du serveur se sont arrêtés : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="186"/>
        <source>The client has neither a phone nor an e-mail: add one of them.</source>
        <translation>Le client n&apos;a ni téléphone ni e-mail : ajoutez l&apos;un des deux.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="187"/>
        <source>The columns of this file are not those of GESTCO&apos;s clients, Google Contacts or Outlook: see docs/import-format.md.</source>
        <translation>Les colonnes de ce fichier ne sont pas celles des clients de GESTCO, de Google Contacts ni d&apos;Outlook : voir docs/import-format.md.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="191"/>
        <source>The columns of this file are not those of a Shopify or WooCommerce export, nor GESTCO&apos;s format: choose the format, or see docs/import-format.md.</source>
        <translation>Les colonnes de ce fichier ne sont ni celles d&apos;un export Shopify ou WooCommerce, ni celles du format de GESTCO : choisissez le format, ou voir docs/import-format.md.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="195"/>
        <source>The command line has no password of its own.</source>
        <translation>La ligne de commande n’a pas de mot de passe à elle.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="196"/>
        <source>The connection to the database server was lost: nothing was saved. GESTCO reconnects by itself; try again in a moment.</source>
        <translation>La connexion au serveur de base de données a été perdue : rien n’a été enregistré. GESTCO se reconnecte tout seul ; réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="200"/>
        <source>The copied database fails its check: {problem}</source>
        <translation>La base copiée échoue à sa vérification : {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="201"/>
        <source>The copy could not run: {reason}.</source>
        <translation>La copie n’a pas pu être lancée : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="202"/>
        <source>The copy of {table} does not match: {here} rows here, {there} there.</source>
        <translation>La copie de {table} ne correspond pas : {here} lignes ici, {there} là-bas.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="205"/>
        <source>The copy to the server failed: {reason}</source>
        <translation>La copie vers le serveur a échoué : {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="206"/>
        <source>The database file cannot be written (read-only disk or file): nothing was saved.</source>
        <translation>Impossible d’écrire dans le fichier de la base (disque ou fichier en lecture seule) : rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="209"/>
        <source>The database file is damaged or unreadable ({reason}): nothing was saved. Restore a backup (Tools menu, or `gestco restore`).</source>
        <translation>Le fichier de la base est endommagé ou illisible ({reason}) : rien n’a été enregistré. Restaurez une sauvegarde (menu Outils, ou `gestco restore`).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="213"/>
        <source>The database file was replaced (a backup was restored meanwhile): nothing was saved. GESTCO reloads it; try again in a moment.</source>
        <translation>Le fichier de la base a été remplacé (une sauvegarde a été restaurée entre-temps) : rien n&apos;a été enregistré. GESTCO le recharge ; réessayez dans un instant.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="217"/>
        <source>The database is busy with another workstation: nothing was saved. Try again.</source>
        <translation>La base est occupée par un autre poste : rien n’a été enregistré. Réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="220"/>
        <source>The database refused the change ({reason}): nothing was saved.</source>
        <translation>La base a refusé la modification ({reason}) : rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="221"/>
        <source>The decimal mark is a point or a comma.</source>
        <translation>Le séparateur décimal est un point ou une virgule.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="222"/>
        <source>The delimiter is one of: comma, semicolon, tab.</source>
        <translation>Le séparateur est l&apos;un de : virgule, point-virgule, tabulation.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="223"/>
        <source>The demo needs an empty database: choose a new file with --db.</source>
        <translation>La démo a besoin d’une base vide : choisissez un nouveau fichier avec --db.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="224"/>
        <source>The deposit ({deposit}) is more than the order&apos;s total ({total}): nothing was recorded.</source>
        <translation>L’acompte ({deposit}) dépasse le total de la commande ({total}) : rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="228"/>
        <source>The discount is larger than the line&apos;s amount.</source>
        <translation>La remise dépasse le montant de la ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="229"/>
        <source>The disk holding {path} is full. Nothing was changed: free some space, then try again.</source>
        <translation>Le disque qui contient {path} est plein. Rien n&apos;a été modifié : libérez de la place, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="233"/>
        <source>The disk is full: nothing was saved. Free some space, then try again.</source>
        <translation>Le disque est plein : rien n’a été enregistré. Libérez de la place, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="236"/>
        <source>The document numbers of {year} are used up ({n}): no more can be issued this year.</source>
        <translation>Les numéros de documents de {year} sont épuisés ({n}) : aucun autre ne peut être émis cette année.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="239"/>
        <source>The file has no column {columns}: GESTCO&apos;s format needs order_ref, sku and quantity (docs/import-format.md).</source>
        <translation>Le fichier n&apos;a pas de colonne {columns} : le format de GESTCO demande order_ref, sku et quantity (docs/import-format.md).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="243"/>
        <source>The file has no column {columns}: is it Shopify&apos;s orders export?</source>
        <translation>Le fichier n&apos;a pas de colonne {columns} : est-ce bien l&apos;export des commandes de Shopify ?</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="244"/>
        <source>The file has no rows: export the data again.</source>
        <translation>Le fichier ne contient aucune ligne de données : exportez à nouveau les données.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="245"/>
        <source>The file is empty: export the data again.</source>
        <translation>Le fichier est vide : exportez les données à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="246"/>
        <source>The file is not valid JSON from this line on ({detail}): nothing after it can be read. Export the file again.</source>
        <translation>Le fichier n&apos;est plus du JSON valide à partir de cette ligne ({detail}) : rien de ce qui suit ne peut être lu. Exportez le fichier à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="250"/>
        <source>The first line of the file cannot be read as column names: check that it is a CSV file.</source>
        <translation>La première ligne du fichier ne peut pas être lue comme des noms de colonnes : vérifiez qu&apos;il s&apos;agit d&apos;un fichier CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="254"/>
        <source>The invoice has no line {sku}.</source>
        <translation>La facture n&apos;a pas de ligne {sku}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="255"/>
        <source>The logo is {size} KB: choose an image of at most {most} KB.</source>
        <translation>Le logo fait {size} Ko : choisissez une image d&apos;au plus {most} Ko.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="256"/>
        <source>The order has no date.</source>
        <translation>La commande n&apos;a pas de date.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="257"/>
        <source>The order has received {paid} in payments, more than these lines cost ({total}): refund the difference first.</source>
        <translation>La commande a reçu {paid} de paiements, plus que le coût de ces lignes ({total}) : remboursez d&apos;abord la différence.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="261"/>
        <source>The order numbers of {year} are used up ({n} orders): no more can be recorded this year.</source>
        <translation>Les numéros de commande de {year} sont épuisés ({n} commandes) : aucune autre ne peut être enregistrée cette année.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="265"/>
        <source>The port is a number from 1 to 65535 (usually 5432).</source>
        <translation>Le port est un nombre de 1 à 65535 (en général 5432).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="266"/>
        <source>The prices of this order are without tax and the file does not say which tax applies to this line: enter the order by hand.</source>
        <translation>Les prix de cette commande sont hors taxes et le fichier ne dit pas quelle TVA s&apos;applique à cette ligne : saisissez la commande à la main.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="270"/>
        <source>The rows of order {order} are not together in the file: keep each order&apos;s rows one after the other (sort by {column}).</source>
        <translation>Les lignes de la commande {order} ne se suivent pas dans le fichier : gardez les lignes de chaque commande l&apos;une après l&apos;autre (triez par {column}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="274"/>
        <source>The server address {url} cannot be read: the port must be a number from 1 to 65535, and an IPv6 address goes in brackets ([::1]:5432).</source>
        <translation>L&apos;adresse du serveur {url} est illisible : le port est un nombre de 1 à 65535, et une adresse IPv6 s&apos;écrit entre crochets ([::1]:5432).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="278"/>
        <source>The server {server} has no database named {database}: ask for it to be created.</source>
        <translation>Le serveur {server} n’a pas de base nommée {database} : demandez qu’elle soit créée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="281"/>
        <source>The server {server} refused the user {user} or its password: check them.</source>
        <translation>Le serveur {server} a refusé l’utilisateur {user} ou son mot de passe : vérifiez-les.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="284"/>
        <source>The server&apos;s database is not empty: migrate into a new, empty one.</source>
        <translation>La base du serveur n’est pas vide : migrez vers une base neuve et vide.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="285"/>
        <source>The shipping date cannot be before the order date ({day}).</source>
        <translation>La date d’expédition ne peut pas précéder la date de commande ({day}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="286"/>
        <source>The two PINs differ: nothing was changed.</source>
        <translation>Les deux codes PIN diffèrent : rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="287"/>
        <source>The two passwords differ: nothing was changed.</source>
        <translation>Les deux mots de passe diffèrent : rien n’a été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="288"/>
        <source>The username {username} is taken.</source>
        <translation>L’identifiant {username} est déjà pris.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="289"/>
        <source>The watched folder {folder} cannot be read: {reason}.</source>
        <translation>Le dossier surveillé {folder} ne peut pas être lu : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="290"/>
        <source>The watched folder {folder} does not exist (removed, renamed or on a drive not connected): nothing imported.</source>
        <translation>Le dossier surveillé {folder} n’existe pas (supprimé, renommé ou sur un disque non branché) : rien n’a été importé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="294"/>
        <source>The watched folder {folder} is a file, not a folder.</source>
        <translation>Le dossier surveillé {folder} est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="295"/>
        <source>There is no database at {path}: check the path (--db or GESTCO_DB). Nothing was created.</source>
        <translation>Il n&apos;y a pas de base de données à {path} : vérifiez le chemin (--db ou GESTCO_DB). Rien n&apos;a été créé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="299"/>
        <source>There is no folder {path}.</source>
        <translation>Il n’y a pas de dossier {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="300"/>
        <source>There is no standard input to read from.</source>
        <translation>Il n’y a pas d’entrée standard à lire.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="301"/>
        <source>There is no standard output here: add --output FILE.</source>
        <translation>Pas de sortie standard ici : ajoutez --output FICHIER.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="302"/>
        <source>This ICE&apos;s check digits are wrong: check the number.</source>
        <translation>La clé de contrôle de cet ICE est fausse : vérifiez le numéro.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="303"/>
        <source>This JSON file holds no list named {key}: is it the right export?</source>
        <translation>Ce fichier JSON ne contient pas de liste nommée {key} : est-ce le bon export ?</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="304"/>
        <source>This JSON file is not a WooCommerce export of orders nor GESTCO&apos;s format: see docs/import-format.md.</source>
        <translation>Ce fichier JSON n&apos;est ni un export de commandes WooCommerce ni le format de GESTCO : voir docs/import-format.md.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="308"/>
        <source>This WooCommerce export has no line items: choose a format that includes them (one row per item, or the items&apos; columns).</source>
        <translation>Cet export WooCommerce n&apos;a pas d&apos;articles : choisissez un format qui les inclut (une ligne par article, ou les colonnes des articles).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="312"/>
        <source>This backup cannot be restored: {problem}.</source>
        <translation>Cette sauvegarde ne peut pas être restaurée : {problem}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="313"/>
        <source>This client is already anonymised.</source>
        <translation>Ce client est déjà anonymisé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="314"/>
        <source>This client no longer exists.</source>
        <translation>Ce client n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="315"/>
        <source>This client was anonymised: nothing can be added.</source>
        <translation>Ce client a été anonymisé : plus rien ne peut être ajouté.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="316"/>
        <location filename="../../ui/tabs/identify.py" line="317"/>
        <source>This client was anonymised: their details can no longer change.</source>
        <translation>Ce client a été anonymisé : sa fiche ne peut plus changer.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="317"/>
        <source>This computer&apos;s clock says the year is {year}: set its date and time right, then issue the document again.</source>
        <translation>L&apos;horloge de cet ordinateur indique l&apos;année {year} : réglez sa date et son heure, puis émettez à nouveau le document.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="321"/>
        <source>This computer&apos;s clock says the year is {year}: set its date and time right, then record the order again.</source>
        <translation>L’horloge de cet ordinateur indique l’année {year} : corrigez sa date et son heure, puis enregistrez à nouveau la commande.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="325"/>
        <source>This credit note cannot be issued: the shop&apos;s settings lack {lacking}.</source>
        <translation>Cet avoir ne peut pas être émis : il manque aux paramètres de la boutique {lacking}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="328"/>
        <source>This database holds {n} orders, the most it can: start a new database.</source>
        <translation>Cette base contient {n} commandes, le maximum possible : commencez une nouvelle base.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="331"/>
        <source>This database was written by a newer GESTCO (schema {found}, this program knows up to {known}). Install the newer GESTCO; the file was not changed.</source>
        <translation>Cette base a été écrite par un GESTCO plus récent (schéma {found}, ce programme connaît jusqu’au {known}). Installez la version récente ; le fichier n’a pas été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="335"/>
        <source>This date is not plausible: check the year.</source>
        <translation>Cette date n&apos;est pas plausible : vérifiez l&apos;année.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="336"/>
        <source>This document cannot be printed: the shop&apos;s settings lack {lacking}.</source>
        <translation>Ce document ne peut pas être imprimé : il manque aux paramètres de la boutique {lacking}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="339"/>
        <source>This e-mail address is not valid: it looks like name@example.com.</source>
        <translation>Cette adresse e-mail n’est pas valide : elle ressemble à nom@exemple.com.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="340"/>
        <source>This element of the list is not an order: it is skipped.</source>
        <translation>Cet élément de la liste n&apos;est pas une commande : il est ignoré.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="341"/>
        <source>This file is an SQLite database of another program, not GESTCO&apos;s.</source>
        <translation>Ce fichier est une base SQLite d’un autre programme, pas de GESTCO.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="342"/>
        <source>This file is compressed (gzip): uncompress it, then import the file inside.</source>
        <translation>Ce fichier est compressé (gzip) : décompressez-le, puis importez le fichier qu&apos;il contient.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="345"/>
        <source>This file is not a JSON export of orders or clients: it should hold a list in square brackets.</source>
        <translation>Ce fichier n&apos;est pas un export JSON de commandes ou de clients : il devrait contenir une liste entre crochets.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="349"/>
        <source>This file is not text (it holds binary data): import a CSV or JSON file exported from the shop.</source>
        <translation>Ce fichier n&apos;est pas du texte (il contient des données binaires) : importez un fichier CSV ou JSON exporté de la boutique.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="353"/>
        <source>This holds a character no keyboard types ({code}): type it again.</source>
        <translation>Ceci contient un caractère qu’aucun clavier ne tape ({code}) : tapez-le à nouveau.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="354"/>
        <source>This invoice cannot be issued: the shop&apos;s settings lack {lacking}.</source>
        <translation>Cette facture ne peut pas être émise : il manque aux paramètres de la boutique {lacking}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="355"/>
        <source>This is a PDF document: export the data from the shop as CSV or JSON instead.</source>
        <translation>C&apos;est un document PDF : exportez plutôt les données de la boutique en CSV ou en JSON.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="358"/>
        <source>This is a database file, not an export: to work in a GESTCO database, open it from the File menu.</source>
        <translation>C&apos;est un fichier de base de données, pas un export : pour travailler dans une base GESTCO, ouvrez-la depuis le menu Fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="362"/>
        <source>This is a file of orders: import it as orders, not clients.</source>
        <translation>C&apos;est un fichier de commandes : importez-le comme commandes, pas comme clients.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="363"/>
        <source>This is a vCard file (contacts): import it as clients, not orders.</source>
        <translation>C&apos;est un fichier vCard (des contacts) : importez-le comme clients, pas comme commandes.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="364"/>
        <source>This is a web page, not an export: use the shop&apos;s Export button and import the file it downloads.</source>
        <translation>C&apos;est une page web, pas un export : utilisez le bouton Exporter de la boutique et importez le fichier qu&apos;il télécharge.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="368"/>
        <source>This is a workbook (Excel, LibreOffice) or a ZIP archive, not a CSV file: open it in the spreadsheet, save it as CSV (UTF-8), then import that file.</source>
        <translation>C&apos;est un classeur (Excel, LibreOffice) ou une archive ZIP, pas un fichier CSV : ouvrez-le dans le tableur, enregistrez-le en CSV (UTF-8), puis importez ce fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="372"/>
        <source>This is an old Excel (.xls) or Word file: open it, save it as CSV (UTF-8), then import that file.</source>
        <translation>C&apos;est un ancien fichier Excel (.xls) ou Word : ouvrez-le, enregistrez-le en CSV (UTF-8), puis importez ce fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="376"/>
        <source>This is not a phone number: type it as 06 12 34 56 78 or +212 6 12 34 56 78.</source>
        <translation>Ce n’est pas un numéro de téléphone : tapez-le comme 06 12 34 56 78 ou +212 6 12 34 56 78.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="379"/>
        <source>This line cannot be read as CSV (a quote left open, or a value far too long): check it in the file.</source>
        <translation>Cette ligne ne peut pas être lue comme du CSV (un guillemet resté ouvert, ou une valeur bien trop longue) : vérifiez-la dans le fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="383"/>
        <source>This line cannot be read: the file stops here.</source>
        <translation>Cette ligne ne peut pas être lue : le fichier s&apos;arrête ici.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="384"/>
        <source>This line has no SKU: every line needs the product&apos;s SKU.</source>
        <translation>Cette ligne n&apos;a pas de SKU : chaque ligne demande le SKU du produit.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="385"/>
        <source>This line has {found} values but the first line names {columns} columns: a delimiter or a quote is probably missing.</source>
        <translation>Cette ligne a {found} valeurs mais la première ligne nomme {columns} colonnes : il manque sans doute un séparateur ou un guillemet.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="389"/>
        <source>This line holds characters in another encoding than the rest of the file: save the file again as CSV (UTF-8).</source>
        <translation>Cette ligne contient des caractères dans un autre encodage que le reste du fichier : enregistrez à nouveau le fichier en CSV (UTF-8).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="393"/>
        <source>This line is not a product line.</source>
        <translation>Cette ligne n’est pas une ligne produit.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="394"/>
        <source>This line of the vCard cannot be read: the contact is skipped.</source>
        <translation>Cette ligne de la vCard ne peut pas être lue : le contact est ignoré.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="395"/>
        <source>This name holds an invisible character ({code}) that can disguise it: type it rather than pasting it.</source>
        <translation>Ce nom contient un caractère invisible ({code}) qui peut le déguiser : tapez-le plutôt que de le coller.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="399"/>
        <source>This number already belongs to {name}.</source>
        <translation>Ce numéro appartient déjà à {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="400"/>
        <source>This number does not exist: check the digits and the country code.</source>
        <translation>Ce numéro n’existe pas : vérifiez les chiffres et l’indicatif du pays.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="401"/>
        <source>This number is far too large: check it.</source>
        <translation>Ce nombre est beaucoup trop grand : vérifiez-le.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="402"/>
        <source>This number&apos;s check digit is wrong: check it.</source>
        <translation>La clé de contrôle de ce numéro est fausse : vérifiez-le.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="403"/>
        <source>This operator is disabled: ask an administrator.</source>
        <translation>Cet opérateur est désactivé : adressez-vous à un administrateur.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="404"/>
        <source>This order gives no phone for its client, and no client has its e-mail ({email}): GESTCO knows its clients by phone. Add the phone at the shop, or record the client first.</source>
        <translation>Cette commande ne donne pas de téléphone pour son client, et aucun client n&apos;a son e-mail ({email}) : GESTCO reconnaît ses clients à leur téléphone. Ajoutez le téléphone sur la boutique, ou enregistrez d&apos;abord le client.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="408"/>
        <source>This order has no id: is it a REST export?</source>
        <translation>Cette commande n&apos;a pas d&apos;id : est-ce bien un export de l&apos;API REST ?</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="409"/>
        <source>This order has no lines.</source>
        <translation>Cette commande n&apos;a aucune ligne.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="410"/>
        <source>This order has no order_ref: every order needs one.</source>
        <translation>Cette commande n&apos;a pas d&apos;order_ref : chaque commande en demande un.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="411"/>
        <source>This order is a draft at the shop (never placed): it is not imported.</source>
        <translation>Cette commande est un brouillon de la boutique (jamais passée) : elle n&apos;est pas importée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="414"/>
        <source>This order no longer exists.</source>
        <translation>Cette commande n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="415"/>
        <source>This phone is already on line {line} of the file: that client is kept, this one is not.</source>
        <translation>Ce téléphone figure déjà à la ligne {line} du fichier : ce client-là est gardé, pas celui-ci.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="420"/>
        <source>This row has no order reference ({column}): every row names its order.</source>
        <translation>Cette ligne n&apos;a pas de référence de commande ({column}) : chaque ligne nomme sa commande.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="423"/>
        <source>This row says {value} where the order&apos;s first row (line {line}) says {first}: are these two orders?</source>
        <translation>Cette ligne indique {value} là où la première ligne de la commande (ligne {line}) indique {first} : s&apos;agit-il de deux commandes ?</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="427"/>
        <source>This server address cannot be read: write it as {example}.</source>
        <translation>Cette adresse de serveur est illisible : écrivez-la sous la forme {example}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="432"/>
        <source>This setting cannot be {value}.</source>
        <translation>Ce réglage ne peut pas valoir {value}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="433"/>
        <source>This shop already has its administrator: sign in instead.</source>
        <translation>Cette boutique a déjà son administrateur : connectez-vous plutôt.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="434"/>
        <source>This tag holds an invisible or unknown character ({code}): type it rather than pasting it.</source>
        <translation>Cette étiquette contient un caractère invisible ou inconnu ({code}) : tapez-la plutôt que de la coller.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="438"/>
        <source>This text contains a character that cannot be stored (code {code}): retype it rather than pasting it.</source>
        <translation>Ce texte contient un caractère qui ne peut pas être enregistré (code {code}) : retapez-le plutôt que de le coller.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="442"/>
        <source>This vCard has no END:VCARD line: it is skipped.</source>
        <translation>Cette vCard n&apos;a pas de ligne END:VCARD : elle est ignorée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="447"/>
        <source>Type an e-mail address such as contact@boutique.ma.</source>
        <translation>Saisissez une adresse e-mail, par exemple contact@boutique.ma.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="448"/>
        <source>Type an intra-EU VAT number with its country, such as FR40303265045.</source>
        <translation>Saisissez un numéro de TVA intracommunautaire avec son pays, par exemple FR40303265045.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="451"/>
        <source>Type an invoice number such as FAC-2026-000042 (a credit note: AV-…).</source>
        <translation>Saisissez un numéro de facture, par exemple FAC-2026-000042 (un avoir : AV-…).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="455"/>
        <source>Type digits only (at most {n}).</source>
        <translation>Saisissez uniquement des chiffres (au plus {n}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="456"/>
        <source>Type the RC number as the court gave it, such as 123456.</source>
        <translation>Saisissez le numéro de RC tel que le tribunal l’a attribué, par exemple 123456.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="457"/>
        <source>Type the tag, such as VIP or grossiste.</source>
        <translation>Tapez l’étiquette, par exemple VIP ou grossiste.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="458"/>
        <source>Type your PIN.</source>
        <translation>Tapez votre code PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="459"/>
        <source>Type your password.</source>
        <translation>Tapez votre mot de passe.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="460"/>
        <source>Type your username.</source>
        <translation>Tapez votre nom d’utilisateur.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="462"/>
        <source>Unknown encoding {encoding}: use utf-8, cp1252 or latin-1.</source>
        <translation>Encodage inconnu {encoding} : utilisez utf-8, cp1252 ou latin-1.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="463"/>
        <source>Unknown format {format}: use auto, gestco, google, outlook or vcard.</source>
        <translation>Format inconnu {format} : utilisez auto, gestco, google, outlook ou vcard.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="466"/>
        <source>Unknown format {format}: use auto, shopify, woocommerce or gestco.</source>
        <translation>Format inconnu {format} : utilisez auto, shopify, woocommerce ou gestco.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="467"/>
        <source>Unknown order status {status}: GESTCO knows {known}.</source>
        <translation>Statut de commande inconnu {status} : GESTCO connaît {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="469"/>
        <source>Unknown value {value}: use one of {known}.</source>
        <translation>Valeur inconnue {value} : utilisez l&apos;une de {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="470"/>
        <source>Write the note first.</source>
        <translation>Écrivez d’abord la note.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="476"/>
        <source>vCards hold clients: gestco export clients --format vcard.</source>
        <translation>Les vCards contiennent des clients : gestco export clients --format vcard.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="477"/>
        <source>{external} ({number}) is {status}, and the shop now says {source_status}: an order cannot go back there, GESTCO&apos;s status is kept.</source>
        <translation>{external} ({number}) est {status}, et la boutique indique maintenant {source_status} : une commande ne peut pas revenir en arrière, le statut de GESTCO est conservé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="481"/>
        <source>{external} ({number}) was moved to {status} in GESTCO since the last import, and the shop now says {source_status}: GESTCO&apos;s status is kept.</source>
        <translation>{external} ({number}) est passée à {status} dans GESTCO depuis le dernier import, et la boutique indique maintenant {source_status} : le statut de GESTCO est conservé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="485"/>
        <source>{file} was imported, but it cannot be filed in {folder}: {reason}. It waits in {aside} and is filed at the next pass.</source>
        <translation>{file} a été importé, mais ne peut pas être rangé dans {folder} : {reason}. Il attend dans {aside} et sera rangé au prochain passage.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="489"/>
        <source>{file} was not imported: {reason}</source>
        <translation>{file} n’a pas été importé : {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="490"/>
        <source>{number} holds {received} paid: a refund cannot give back more.</source>
        <translation>{number} a reçu {received} : un remboursement ne peut pas rendre davantage.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="491"/>
        <source>{number} is cancelled: it cannot be invoiced.</source>
        <translation>{number} est annulée : elle ne peut pas être facturée.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="492"/>
        <source>{number} is cancelled: it takes no payment.</source>
        <translation>{number} est annulée : elle ne reçoit plus de paiement.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="493"/>
        <source>{number} is credited in full already.</source>
        <translation>{number} est déjà entièrement créditée par des avoirs.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="494"/>
        <source>{number} is invoiced already ({invoice}): credit that invoice in full to issue another.</source>
        <translation>{number} est déjà facturée ({invoice}) : établissez un avoir pour toute cette facture pour en émettre une autre.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="498"/>
        <source>{number} is not a credit note: give an AV-… number.</source>
        <translation>{number} n&apos;est pas un avoir : indiquez un numéro AV-…</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="499"/>
        <source>{number} is not an invoice: give a FAC-… number, or the order&apos;s.</source>
        <translation>{number} n&apos;est pas une facture : indiquez un numéro FAC-…, ou celui de la commande.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="511"/>
        <source>{option}: give the day as YYYY-MM-DD, such as 2026-12-02.</source>
        <translation>{option} : donnez le jour au format AAAA-MM-JJ, par exemple 2026-12-02.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="512"/>
        <source>{option}: {day} is not a day of the calendar.</source>
        <translation>{option} : {day} n&apos;est pas un jour du calendrier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="513"/>
        <source>{path} cannot be read: {reason}.</source>
        <translation>{path} ne peut pas être lu : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="519"/>
        <source>{path} exists and is not a PDF: choose another name.</source>
        <translation>{path} existe et n&apos;est pas un PDF : choisissez un autre nom.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="521"/>
        <source>{path} is a file, not a folder.</source>
        <translation>{path} est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="523"/>
        <source>{path} is a folder: name a PDF file.</source>
        <translation>{path} est un dossier : indiquez un fichier PDF.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="548"/>
        <source>{phone} is {name} in GESTCO, the file says {other}: GESTCO&apos;s client is kept.</source>
        <translation>{phone} est {name} dans GESTCO, le fichier indique {other} : le client de GESTCO est conservé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="563"/>
        <source>{sku} is given twice: give it once.</source>
        <translation>{sku} est indiqué deux fois : indiquez-le une seule fois.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="570"/>
        <source>{username} is the last active admin: make another admin first.</source>
        <translation>{username} est le dernier administrateur actif : nommez d’abord un autre administrateur.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="419"/>
        <source>This product does not exist.</source>
        <translation>Ce produit n’existe pas.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="428"/>
        <source>This server database holds another program&apos;s tables, not GESTCO&apos;s: give GESTCO a database of its own.</source>
        <translation>Cette base du serveur contient les tables d’un autre programme, pas celles de GESTCO : donnez à GESTCO une base à lui.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="443"/>
        <source>This workstation is locked: sign in to unlock it.</source>
        <translation>Ce poste est verrouillé : connectez-vous pour le déverrouiller.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="444"/>
        <source>Too long: at most {n} characters.</source>
        <translation>Trop long : {n} caractères au plus.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="445"/>
        <source>Too many decimal places: check the number.</source>
        <translation>Trop de décimales : vérifiez le nombre.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="446"/>
        <source>Too many wrong attempts: wait {seconds} s, then try again.</source>
        <translation>Trop d’essais erronés : attendez {seconds} s, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="454"/>
        <source>Type an order number such as CMD-2026-000042 (or 2026-42).</source>
        <translation>Tapez un numéro de commande comme CMD-2026-000042 (ou 2026-42).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="461"/>
        <source>Unknown channel.</source>
        <translation>Canal inconnu.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="468"/>
        <source>Unknown status.</source>
        <translation>Statut inconnu.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="471"/>
        <source>Wrong password: it was not changed.</source>
        <translation>Mot de passe erroné : il n’a pas été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="472"/>
        <source>Wrong username or PIN.</source>
        <translation>Identifiant ou code PIN erroné.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="473"/>
        <source>Wrong username or password.</source>
        <translation>Identifiant ou mot de passe erroné.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="474"/>
        <source>XLSX needs a file: add --output FILE.xlsx.</source>
        <translation>Le format XLSX demande un fichier : ajoutez --output FICHIER.xlsx.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="475"/>
        <source>migrate-to copies a SQLite file: name it with --db.</source>
        <translation>migrate-to copie un fichier SQLite : indiquez-le avec --db.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="500"/>
        <source>{number} is {status}: it cannot become {target}. Allowed: {choices}.</source>
        <translation>{number} est « {status} » : elle ne peut pas passer à « {target} ». Possibles : {choices}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="503"/>
        <source>{number} was changed by someone else in the meantime (now {status}): it has been reloaded, make your change again.</source>
        <translation>{number} a été modifiée par quelqu’un d’autre entre-temps (maintenant « {status} ») : elle a été rechargée, refaites votre modification.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="507"/>
        <source>{operator} ({role}) cannot approve this: ask a {roles}.</source>
        <translation>{operator} ({role}) ne peut pas donner cet accord : demandez à un rôle {roles}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="508"/>
        <source>{operator} can no longer sign in here (disabled or removed): sign in again.</source>
        <translation>{operator} ne peut plus se connecter ici (désactivé ou supprimé) : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="514"/>
        <source>{path} cannot be written: the file, its folder or its disk is read-only. Nothing was changed: make it writable (or copy it to a folder of yours), then try again.</source>
        <translation>Impossible d&apos;écrire dans {path} : le fichier, son dossier ou son disque est en lecture seule. Rien n&apos;a été modifié : rendez-le modifiable (ou copiez-le dans un de vos dossiers), puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="518"/>
        <source>{path} could not be checked: another program keeps it locked.</source>
        <translation>{path} n&apos;a pas pu être vérifié : un autre programme le garde verrouillé.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="520"/>
        <source>{path} is a database or a backup: export to another file.</source>
        <translation>{path} est une base de données ou une sauvegarde : exportez vers un autre fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="522"/>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} est un dossier, pas un fichier de base de données.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="524"/>
        <source>{path} is an SQLite database of another program, not GESTCO&apos;s (no {table} table). It was not changed.</source>
        <translation>{path} est une base SQLite d&apos;un autre programme, pas de GESTCO (pas de table {table}). Il n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="528"/>
        <source>{path} is damaged ({detail}). It was left untouched: restore a backup or open another file.</source>
        <translation>{path} est endommagé ({detail}). Il n’a pas été modifié : restaurez une sauvegarde ou ouvrez un autre fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="532"/>
        <source>{path} is in use by another program that keeps it locked. Nothing was changed: close that program (or wait for it to finish), then try again.</source>
        <translation>{path} est utilisé par un autre programme qui le garde verrouillé. Rien n&apos;a été modifié : fermez ce programme (ou attendez qu&apos;il ait fini), puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="536"/>
        <source>{path} is missing but its write-ahead log ({path}-wal) is still there: it may hold the latest orders. Put the database file back (or restore a backup); GESTCO will not start a new database over it.</source>
        <translation>{path} a disparu mais son journal d&apos;écriture ({path}-wal) est toujours là : il peut contenir les dernières commandes. Remettez le fichier de la base en place (ou restaurez une sauvegarde) ; GESTCO ne créera pas de nouvelle base par-dessus.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="540"/>
        <source>{path} is not a GESTCO database or is damaged ({reason}).</source>
        <translation>{path} n’est pas une base GESTCO ou est endommagé ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="541"/>
        <source>{path} is on a network share ({where}). SQLite&apos;s file locking is not reliable there and orders could be lost: keep the database on this computer&apos;s own disk (several workstations: use a PostgreSQL server).</source>
        <translation>{path} est sur un partage réseau ({where}). Le verrouillage des fichiers de SQLite n’y est pas fiable et des commandes pourraient être perdues : gardez la base sur le disque de cet ordinateur (plusieurs postes : utilisez un serveur PostgreSQL).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="545"/>
        <source>{path} is the shop&apos;s database or one of its files: export to another file.</source>
        <translation>{path} est la base de données de la boutique ou l’un de ses fichiers : exportez vers un autre fichier.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="551"/>
        <source>{product} is no longer sold (inactive).</source>
        <translation>{product} n’est plus vendu (inactif).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="552"/>
        <source>{product} would have more than {n} units on hand: check the quantity.</source>
        <translation>{product} aurait plus de {n} unités en stock : vérifiez la quantité.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="555"/>
        <source>{reason} Try again in a moment; nothing was saved.</source>
        <translation>{reason} Réessayez dans un instant ; rien n’a été enregistré.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="556"/>
        <source>{reserved} units are reserved by open orders: on-hand cannot go below that (it would become {result}).</source>
        <translation>{reserved} unités sont réservées par des commandes en cours : le stock ne peut pas descendre en dessous (il deviendrait {result}).</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="560"/>
        <source>{rows} rows do not fit in one Excel sheet (1,048,575 at most): use CSV.</source>
        <translation>{rows} lignes ne tiennent pas dans une feuille Excel (1 048 575 au plus) : utilisez CSV.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="564"/>
        <source>{tool} could not run: {reason}.</source>
        <translation>{tool} n’a pas pu être lancé : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="565"/>
        <source>{tool} failed: {reason}.</source>
        <translation>{tool} a échoué : {reason}.</translation>
    </message>
    <message>
        <location filename="../../ui/display/core_messages.py" line="566"/>
        <source>{tool} was not found on this computer: install PostgreSQL&apos;s client tools, or set GESTCO_PG_BIN to the folder that holds them.</source>
        <translation>{tool} est introuvable sur cet ordinateur : installez les outils clients de PostgreSQL, ou indiquez leur dossier dans GESTCO_PG_BIN.</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/runtime/crash.py" line="102"/>
        <source>Something unexpected happened ({error}). Your saved work is safe; the action in progress may not have finished. Details for support: {log}</source>
        <translation>Un imprévu s’est produit ({error}). Le travail enregistré est en sécurité ; l’action en cours n’a peut-être pas abouti. Détails pour l’assistance : {log}</translation>
    </message>
</context>
<context>
    <name>damaged</name>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="91"/>
        <source>cannot be read</source>
        <translation>illisible</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="93"/>
        <source>no orders</source>
        <translation>aucune commande</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="95"/>
        <source>orders: %1, the newest %2 of %3</source>
        <translation>commandes : %1, la plus récente %2 du %3</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="109"/>
        <source>Replace the database with a backup?</source>
        <translation>Remplacer la base par une sauvegarde ?</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="110"/>
        <source>The current file %1 can still be read.

In it now: %2.
In the backup %3: %4.

Orders made after the backup are only in the current file, which is kept beside it, renamed.</source>
        <translation>Le fichier actuel %1 se lit encore.

Il contient : %2.
La sauvegarde %3 contient : %4.

Les commandes passées après la sauvegarde ne sont que dans le fichier actuel, qui est gardé à côté, renommé.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="124"/>
        <source>&amp;Replace with the backup</source>
        <translation>&amp;Remplacer par la sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/damaged.py" line="129"/>
        <source>&amp;Keep the current file</source>
        <translation>&amp;Garder le fichier actuel</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="45"/>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="46"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="47"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="48"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="49"/>
        <location filename="../../ui/runtime/export_job.py" line="58"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="50"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="51"/>
        <source>Shipping date</source>
        <translation>Date d’expédition</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="52"/>
        <source>Total incl. tax</source>
        <translation>Total TTC</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="53"/>
        <source>Total excl. tax</source>
        <translation>Total HT</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="54"/>
        <source>Tax</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="55"/>
        <source>Shipping address</source>
        <translation>Adresse de livraison</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="56"/>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="59"/>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="60"/>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="61"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="62"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="63"/>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="64"/>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="65"/>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="66"/>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="67"/>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="68"/>
        <source>Shop&apos;s number</source>
        <translation>N° boutique</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="70"/>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="71"/>
        <source>Product</source>
        <translation>Produit</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="72"/>
        <source>On hand</source>
        <translation>En stock</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="73"/>
        <source>Reserved</source>
        <translation>Réservé</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="74"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="75"/>
        <source>Reorder level</source>
        <translation>Seuil de réappro.</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="76"/>
        <source>To order</source>
        <translation>À commander</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="78"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="79"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="80"/>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="81"/>
        <source>Workstation</source>
        <translation>Poste</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="82"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="83"/>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="84"/>
        <source>Record id</source>
        <translation>N° de fiche</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="85"/>
        <source>Record</source>
        <translation>Fiche</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="86"/>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="87"/>
        <source>Before</source>
        <translation>Avant</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="88"/>
        <source>After</source>
        <translation>Après</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="89"/>
        <source>Approved by</source>
        <translation>Accord de</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="90"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="92"/>
        <source>Issued</source>
        <translation>Émise le</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="93"/>
        <source>Issued by</source>
        <translation>Émise par</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="94"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="95"/>
        <source>Credits invoice</source>
        <translation>Avoir sur la facture</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="96"/>
        <source>Client number</source>
        <translation>N° client</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="162"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="217"/>
        <source>Cancel the e&amp;xport</source>
        <translation>Annuler l’e&amp;xport</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/export_job.py" line="247"/>
        <source>%1 of %2 rows</source>
        <translation>%1 lignes sur %2</translation>
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
        <translation>vCard, pour les contacts et les téléphones (*.vcf)</translation>
    </message>
</context>
<context>
    <name>formatting</name>
    <message>
        <location filename="../../ui/display/formatting.py" line="16"/>
        <source>English</source>
        <translation>French</translation>
    </message>
</context>
<context>
    <name>identity</name>
    <message>
        <location filename="../../ui/display/identity_words.py" line="15"/>
        <source>Shop &amp;name</source>
        <translation>&amp;Nom de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="16"/>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="17"/>
        <source>&amp;Phone</source>
        <translation>Télé&amp;phone</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="18"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="19"/>
        <source>&amp;Logo</source>
        <translation>&amp;Logo</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="20"/>
        <source>&amp;Country</source>
        <translation>Pa&amp;ys</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="21"/>
        <source>&amp;ICE</source>
        <translation>&amp;ICE</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="22"/>
        <source>I&amp;F (identifiant fiscal)</source>
        <translation>I&amp;F (identifiant fiscal)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="23"/>
        <source>&amp;RC number</source>
        <translation>N° de &amp;RC</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="24"/>
        <source>RC&apos;s c&amp;ourt</source>
        <translation>Tri&amp;bunal du RC</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="25"/>
        <source>&amp;Taxe professionnelle (patente)</source>
        <translation>Taxe professionnelle (pa&amp;tente)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="26"/>
        <source>CNSS num&amp;ber</source>
        <translation>N° &amp;CNSS</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="27"/>
        <source>S&amp;IREN or SIRET</source>
        <translation>S&amp;IREN ou SIRET</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="28"/>
        <source>Intra-EU &amp;VAT number</source>
        <translation>N° de TVA intra&amp;communautaire</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="29"/>
        <source>&amp;RCS registration</source>
        <translation>Immatriculation &amp;RCS</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="30"/>
        <source>&amp;Document footer</source>
        <translation>Pie&amp;d de page des documents</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="31"/>
        <source>Ter&amp;ms</source>
        <translation>Conditions (&amp;m)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="35"/>
        <source>the shop&apos;s name</source>
        <translation>le nom de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="36"/>
        <source>the shop&apos;s address</source>
        <translation>l&apos;adresse de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="37"/>
        <source>the phone number</source>
        <translation>le numéro de téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="38"/>
        <source>the e-mail address</source>
        <translation>l&apos;adresse e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="39"/>
        <source>the logo</source>
        <translation>le logo</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="40"/>
        <source>the country</source>
        <translation>le pays</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="41"/>
        <source>the ICE</source>
        <translation>l&apos;ICE</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="42"/>
        <source>the IF (identifiant fiscal)</source>
        <translation>l&apos;IF (identifiant fiscal)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="43"/>
        <source>the RC number</source>
        <translation>le numéro de RC</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="44"/>
        <source>the RC&apos;s court</source>
        <translation>le tribunal du RC</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="45"/>
        <source>the taxe professionnelle (patente)</source>
        <translation>la taxe professionnelle (patente)</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="46"/>
        <source>the CNSS number</source>
        <translation>le numéro CNSS</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="47"/>
        <source>the SIREN or SIRET</source>
        <translation>le SIREN ou SIRET</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="48"/>
        <source>the intra-EU VAT number</source>
        <translation>le numéro de TVA intracommunautaire</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="49"/>
        <source>the RCS registration</source>
        <translation>l&apos;immatriculation RCS</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="50"/>
        <source>the footer</source>
        <translation>le pied de page</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="51"/>
        <source>the terms</source>
        <translation>les conditions</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="54"/>
        <source>Morocco</source>
        <translation>Maroc</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="55"/>
        <source>France</source>
        <translation>France</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="58"/>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <location filename="../../ui/display/identity_words.py" line="59"/>
        <source>Credit note</source>
        <translation>Avoir</translation>
    </message>
</context>
<context>
    <name>imports</name>
    <message>
        <location filename="../../ui/models/imports.py" line="93"/>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="94"/>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <location filename="../../ui/models/imports.py" line="174"/>
        <source>Found from the file</source>
        <translation>D’après le fichier</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="129"/>
        <source>Orders files (*.csv *.json *.txt)</source>
        <translation>Fichiers de commandes (*.csv *.json *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="131"/>
        <source>Contacts (*.csv *.vcf *.vcard *.txt)</source>
        <translation>Contacts (*.csv *.vcf *.vcard *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/file_dialogs.py" line="133"/>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../ui/runtime/import_job.py" line="29"/>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1 : %2</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../ui/display/labels.py" line="18"/>
        <source>To process</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="19"/>
        <source>Processing</source>
        <translation>En préparation</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="20"/>
        <source>On hold</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="21"/>
        <source>Shipped</source>
        <translation>Expédiée</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="22"/>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="23"/>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="34"/>
        <location filename="../../ui/display/labels.py" line="44"/>
        <source>Counter</source>
        <translation>Comptoir</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="35"/>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="36"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="37"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="38"/>
        <source>Other</source>
        <translation>Autre</translation>
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
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="64"/>
        <source>counter clerk</source>
        <translation>employé de comptoir</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="65"/>
        <source>manager</source>
        <translation>gérant</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="66"/>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="70"/>
        <source>record a client</source>
        <translation>enregistrer un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="71"/>
        <source>change a client</source>
        <translation>modifier un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="72"/>
        <source>add a note to a client</source>
        <translation>ajouter une note à un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="73"/>
        <source>tag a client</source>
        <translation>étiqueter un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="74"/>
        <source>record a client&apos;s marketing consent</source>
        <translation>enregistrer le consentement marketing d’un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="75"/>
        <source>anonymise a client</source>
        <translation>anonymiser un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="76"/>
        <source>create an order</source>
        <translation>créer une commande</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="77"/>
        <source>change an order</source>
        <translation>modifier une commande</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="78"/>
        <source>move an order between pending, processing and on hold</source>
        <translation>passer une commande entre à traiter, en préparation et en attente</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="81"/>
        <source>ship or deliver an order</source>
        <translation>expédier ou livrer une commande</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="82"/>
        <source>cancel an order</source>
        <translation>annuler une commande</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="83"/>
        <source>give a discount above the shop&apos;s threshold</source>
        <translation>accorder une remise au-delà du seuil de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="84"/>
        <source>change a line&apos;s price</source>
        <translation>changer le prix d’une ligne</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="85"/>
        <source>change products and prices</source>
        <translation>modifier les produits et les prix</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="86"/>
        <source>receive stock</source>
        <translation>réceptionner du stock</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="87"/>
        <source>correct the stock</source>
        <translation>corriger le stock</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="88"/>
        <source>export</source>
        <translation>exporter</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="89"/>
        <source>import orders and clients from files</source>
        <translation>importer des commandes et des clients depuis des fichiers</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="90"/>
        <source>change the shop&apos;s settings</source>
        <translation>modifier les réglages de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="91"/>
        <source>change the shop&apos;s name, address and legal identifiers</source>
        <translation>modifier le nom, l&apos;adresse et les identifiants légaux de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="94"/>
        <source>record a payment</source>
        <translation>enregistrer un paiement</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="95"/>
        <source>refund a client</source>
        <translation>rembourser un client</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="96"/>
        <source>issue an invoice</source>
        <translation>émettre une facture</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="97"/>
        <source>issue a credit note</source>
        <translation>émettre un avoir</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="98"/>
        <source>list and export the invoices</source>
        <translation>consulter et exporter les factures</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="99"/>
        <source>read the audit trail</source>
        <translation>consulter le journal d’audit</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="100"/>
        <source>see the shop&apos;s figures</source>
        <translation>voir les chiffres de la boutique</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="101"/>
        <source>manage operators</source>
        <translation>gérer les opérateurs</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="102"/>
        <source>change the database connection</source>
        <translation>changer la connexion à la base de données</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="103"/>
        <source>restore a backup</source>
        <translation>restaurer une sauvegarde</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="109"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="110"/>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="111"/>
        <source>Visit</source>
        <translation>Visite</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="112"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="129"/>
        <source>Receipt</source>
        <translation>Réception</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="130"/>
        <source>Correction</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="131"/>
        <source>Reservation</source>
        <translation>Réservation</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="132"/>
        <source>Release</source>
        <translation>Libération</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="133"/>
        <source>Shipment</source>
        <translation>Expédition</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="137"/>
        <source>order shipped</source>
        <translation>commande expédiée</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="138"/>
        <source>order cancelled</source>
        <translation>commande annulée</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="139"/>
        <source>order edited</source>
        <translation>commande modifiée</translation>
    </message>
    <message>
        <location filename="../../ui/display/labels.py" line="140"/>
        <source>initial stock</source>
        <translation>stock initial</translation>
    </message>
</context>
<context>
    <name>paper</name>
    <message>
        <location filename="../../ui/printing/texts.py" line="17"/>
        <source>Order slip</source>
        <translation>Bon de commande</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="18"/>
        <source>Delivery note</source>
        <translation>Bon de livraison</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="19"/>
        <source>Receipt</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="20"/>
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="21"/>
        <source>Credit note</source>
        <translation>Avoir</translation>
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
        <translation>Patente</translation>
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
        <translation>N° TVA intracom.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="32"/>
        <source>RCS</source>
        <translation>RCS</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="35"/>
        <source>cash</source>
        <translation>espèces</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="36"/>
        <source>card</source>
        <translation>carte</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="37"/>
        <source>transfer</source>
        <translation>virement</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="38"/>
        <source>cheque</source>
        <translation>chèque</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="39"/>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="43"/>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="44"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="45"/>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="46"/>
        <source>Served by</source>
        <translation>Servi par</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="47"/>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="48"/>
        <source>Ref.</source>
        <translation>Réf.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="49"/>
        <source>Description</source>
        <translation>Désignation</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="50"/>
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="51"/>
        <source>Unit price</source>
        <translation>P.U. TTC</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="52"/>
        <source>Disc.</source>
        <translation>Remise</translation>
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
        <translation>Total TTC</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="55"/>
        <source>VAT rate</source>
        <translation>Taux TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="56"/>
        <source>Base excl. VAT</source>
        <translation>Base HT</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="57"/>
        <source>VAT amount</source>
        <translation>Montant TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="58"/>
        <source>Total excl. VAT</source>
        <translation>Total HT</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="59"/>
        <source>Total VAT</source>
        <translation>Total TVA</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="61"/>
        <source>Received</source>
        <translation>Total reçu</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="62"/>
        <source>Balance due</source>
        <translation>Reste à payer</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="63"/>
        <source>To give back</source>
        <translation>À rembourser</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="64"/>
        <source>Expected on</source>
        <translation>Prévue le</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="65"/>
        <source>Delivery address</source>
        <translation>Adresse de livraison</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="66"/>
        <source>Remarks</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="67"/>
        <source>Delivered</source>
        <translation>Livré</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="68"/>
        <source>Received in good order</source>
        <translation>Reçu conforme</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="69"/>
        <source>Date, name and signature of the client</source>
        <translation>Date, nom et signature du client</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="70"/>
        <source>For the shop</source>
        <translation>Pour le magasin</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="71"/>
        <source>Credit note on invoice %1</source>
        <translation>Avoir sur la facture %1</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="72"/>
        <source>Keep this slip: its number finds your order.</source>
        <translation>Conservez ce bon : son numéro permet de retrouver votre commande.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/texts.py" line="73"/>
        <source>Page %1/%2</source>
        <translation>Page %1/%2</translation>
    </message>
</context>
<context>
    <name>payments</name>
    <message>
        <location filename="../../ui/display/payment_words.py" line="12"/>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="13"/>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="14"/>
        <source>Transfer</source>
        <translation>Virement</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="15"/>
        <source>Cheque</source>
        <translation>Chèque</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="16"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="19"/>
        <source>Unpaid</source>
        <translation>Non payée</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="20"/>
        <source>Partly paid</source>
        <translation>Partiellement payée</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="21"/>
        <source>Paid</source>
        <translation>Payée</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="22"/>
        <source>Refunded</source>
        <translation>Remboursée</translation>
    </message>
    <message>
        <location filename="../../ui/display/payment_words.py" line="23"/>
        <source>Refund due</source>
        <translation>À rembourser</translation>
    </message>
</context>
<context>
    <name>shortcuts</name>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="20"/>
        <source>Identify a client (phone field)</source>
        <translation>Identifier un client (champ téléphone)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="21"/>
        <source>New order for the current client</source>
        <translation>Nouvelle commande pour le client en cours</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="31"/>
        <source>Phone field: identify · product or quantity: add the line · button: press it</source>
        <translation>Champ téléphone : identifier · produit ou quantité : ajouter la ligne · bouton : l’activer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="38"/>
        <source>Pick a suggestion (clients, products)</source>
        <translation>Choisir une suggestion (clients, produits)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="23"/>
        <source>Alt+letter</source>
        <translation>Alt+lettre</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="24"/>
        <source>The underlined letter: press that button, tick that box, go to that field or tab</source>
        <translation>La lettre soulignée : appuyer sur ce bouton, cocher cette case, aller à ce champ ou cet onglet</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="30"/>
        <source>Return</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="37"/>
        <source>↓ then Return</source>
        <translation>↓ puis Entrée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="41"/>
        <source>↓ then Tab</source>
        <translation>↓ puis Tab</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="42"/>
        <source>Take the product suggested and go to its quantity</source>
        <translation>Prendre le produit proposé et passer à sa quantité</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="44"/>
        <source>In a date field: open the calendar</source>
        <translation>Dans une date : ouvrir le calendrier</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="45"/>
        <source>Save the client, the order or the product shown</source>
        <translation>Enregistrer le client, la commande ou le produit affiché</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="47"/>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Maj+Tab</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="48"/>
        <source>Next / previous field, in the order of the flow (out of a table too)</source>
        <translation>Champ suivant / précédent, dans l’ordre de la saisie (pour sortir d’un tableau aussi)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="53"/>
        <source>F2 (in the lines)</source>
        <translation>F2 (dans les lignes)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="54"/>
        <source>Edit the quantity or discount of the selected line</source>
        <translation>Modifier la quantité ou la remise de la ligne choisie</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="57"/>
        <source>Delete (in the lines)</source>
        <translation>Suppr (dans les lignes)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="58"/>
        <source>Remove the selected line</source>
        <translation>Supprimer la ligne choisie</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="61"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Entrée</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="62"/>
        <source>Validate the order</source>
        <translation>Valider la commande</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="65"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Maj+C</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="66"/>
        <source>Copy the last order number</source>
        <translation>Copier le dernier numéro de commande</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="70"/>
        <source>Print the slip of the order shown (or of the order just validated)</source>
        <translation>Imprimer le bon de la commande affichée (ou de celle qui vient d&apos;être validée)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="75"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Maj+P</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="76"/>
        <source>Print the order&apos;s invoice (issued first, once you confirm, if none)</source>
        <translation>Imprimer la facture de la commande (émise d&apos;abord, après confirmation, s&apos;il n&apos;y en a pas)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="80"/>
        <source>Find an order by its number</source>
        <translation>Chercher une commande par son numéro</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="81"/>
        <source>Find a client by phone or name</source>
        <translation>Chercher un client par téléphone ou par nom</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="83"/>
        <source>Ctrl+PgDown / Ctrl+PgUp (a client shown)</source>
        <translation>Ctrl+Pg suiv / Ctrl+Pg préc (un client affiché)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="84"/>
        <source>Next or previous section: orders and figures; notes, tags, consent</source>
        <translation>Section suivante ou précédente : commandes et chiffres ; notes, étiquettes, consentement</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="89"/>
        <source>Ctrl+Return (in a note)</source>
        <translation>Ctrl+Entrée (dans une note)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="90"/>
        <source>Add the note to the client&apos;s timeline</source>
        <translation>Ajouter la note au suivi du client</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="93"/>
        <source>Delete (in a client&apos;s tags)</source>
        <translation>Suppr (dans les étiquettes d’un client)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="94"/>
        <source>Take the chosen tag off</source>
        <translation>Retirer l’étiquette choisie</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="96"/>
        <source>All orders (the managers&apos; table)</source>
        <translation>Toutes les commandes (le tableau des responsables)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="97"/>
        <source>The dashboard: the shop&apos;s figures (managers)</source>
        <translation>Le tableau de bord : les chiffres de la boutique (gérants)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="99"/>
        <source>Return (in a list of orders)</source>
        <translation>Entrée (dans une liste de commandes)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="100"/>
        <source>Open the order</source>
        <translation>Ouvrir la commande</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="103"/>
        <source>Ctrl+↑ / Ctrl+↓ (in a table)</source>
        <translation>Ctrl+↑ / Ctrl+↓ (dans un tableau)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="104"/>
        <source>Sort by the current column (← → to choose it): ascending / descending</source>
        <translation>Trier selon la colonne courante (← → pour la choisir) : croissant / décroissant</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="111"/>
        <source>Lock the workstation (your PIN or password unlocks it; another operator signs in with their own)</source>
        <translation>Verrouiller le poste (votre code PIN ou votre mot de passe le déverrouille ; un autre opérateur se connecte avec les siens)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="117"/>
        <source>This list</source>
        <translation>Cette liste</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/shortcuts.py" line="118"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
</TS>
