; Inno Setup 6 script: wraps dist\hallmanager\ (installer/build.py) into hallmanager-setup.exe.
; Build on Windows:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\hallmanager.iss
; Chinese (Simplified) setup pages: ChineseSimplified.isl ships with Inno Setup 6.5 and later
; (older versions: copy the translation into Inno Setup's Languages folder).
; Installed per machine into Program Files; the database, its backups and the settings live in
; each user's profile (%LOCALAPPDATA%\hallmanager, written by the program, never by setup), so
; an upgrade in place or an uninstall leaves them alone.

#define AppName "营业厅值班经理工作台"
#define AppVersion "0.1.0"
#define AppExe "hallmanager.exe"

[Setup]
; One AppId for every version: a new setup upgrades the installed copy in place.
AppId={{6E0C9A52-3B1D-4F53-9A7C-2D8F3C5B7E41}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=hallmanager
DefaultDirName={autopf}\hallmanager
DefaultGroupName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\resources\icons\hallmanager.ico
LicenseFile=..\resources\licenses\LGPL-3.0.txt
OutputDir=..\dist
OutputBaseFilename=hallmanager-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
; Close a running copy before replacing its files (upgrade in place).
CloseApplications=yes
UsePreviousAppDir=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; Files of the previous version's bundle that this one no longer has (upgrade in place).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\hallmanager\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
; the console stays open (cmd /k) so the result can be read
Name: "{group}\自检 Self-test"; Filename: "{cmd}"; Parameters: "/k ""{app}\hallmanager-cli.exe"" --self-test"; WorkingDir: "{app}"
Name: "{group}\第三方许可证 Licences"; Filename: "{app}\_internal\resources\licenses"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what setup itself made; the user's data folder (%LOCALAPPDATA%\hallmanager) is kept.
Type: dirifempty; Name: "{app}"
