; Inno Setup script: a per-user installer of the GESTCO bundle (no administrator rights).
; Build on Windows, after `pyinstaller gestco.spec` made dist\gestco:
;   iscc /DAppVersion=0.1.0 packaging\windows\gestco.iss
; The shop's data (%LOCALAPPDATA%\GESTCO: database, backups, logs) is never removed by the
; uninstaller: only the program files are.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1B8E52-4C8A-4E0B-9B1C-5C7D2E9A1F30}
AppName=GESTCO
AppVersion={#AppVersion}
AppPublisher=GESTCO
DefaultDirName={localappdata}\Programs\GESTCO
DefaultGroupName=GESTCO
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=gestco-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\gestco.ico
UninstallDisplayIcon={app}\gestco.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\gestco\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\GESTCO"; Filename: "{app}\gestco.exe"
Name: "{autodesktop}\GESTCO"; Filename: "{app}\gestco.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\gestco.exe"; Description: "{cm:LaunchProgram,GESTCO}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for {localappdata}\GESTCO on purpose: the shop's orders stay.
