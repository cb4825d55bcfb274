; Inno Setup 6 script: wraps dist\hallmanager\ into hallmanager-setup.exe
[Setup]
AppName=营业厅值班经理工作台 hallmanager
AppVersion=0.1.0
DefaultDirName={autopf}\hallmanager
DefaultGroupName=hallmanager
OutputBaseFilename=hallmanager-setup
Compression=lzma2
SolidCompression=yes

[Files]
Source: "..\dist\hallmanager\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\营业厅值班经理工作台"; Filename: "{app}\hallmanager.exe"
Name: "{commondesktop}\营业厅值班经理工作台"; Filename: "{app}\hallmanager.exe"
