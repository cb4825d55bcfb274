<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../hallmanager/ui/settings/users_section.py" line="+87"/>
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>登录名：</source>
        <translation>Login name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工号（可选）：</source>
        <translation>Staff no. (optional):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>再次输入：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新用户首次登录时须修改临时密码。密码至少 8 位，须同时包含字母和数字。</source>
        <translation>The new user must change the temporary password at first login. Passwords have at least 8 characters with both letters and digits.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../hallmanager/ui/login/setup_wizard.py" line="+67"/>
        <source>第 2 步：厅经理账号</source>
        <translation>Step 2: Hall manager account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>创建第一个厅经理账号。厅经理负责人员、班次和各项规则的设置。程序没有默认密码，请牢记您设置的密码。</source>
        <translation>Create the first hall manager account. The hall manager sets up staff, shifts and rules. There is no default password: remember the one you choose.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>字母、数字或 _ . -，例如 wangli</source>
        <translation>letters, digits or _ . -, e.g. wangli</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>登录名：</source>
        <translation>Login name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次输入密码：</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>密码至少 8 位，须同时包含字母和数字。</source>
        <translation>At least 8 characters, with both letters and digits.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>AuditSection</name>
    <message>
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="+128"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以查看审计日志。</source>
        <translation>Only the hall manager may view the audit log.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>搜索内容（Ctrl+F）</source>
        <translation>Search content (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>选择一条记录查看修改前后的内容</source>
        <translation>Select an entry to see the content before and after the change</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+99"/>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>检查审计记录是否被删除或篡改</source>
        <translation>Check whether audit entries were deleted or altered</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+5"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>共 {0} 条</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>修改前：
{0}

修改后：
{1}</source>
        <translation>Before:
{0}

After:
{1}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>审计链校验发现 {0} 个问题，请联系厅经理和技术支持。</source>
        <translation>The audit chain check found {0} problem(s). Please contact the hall manager and technical support.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>审计链完整：没有发现被删除或篡改的记录。</source>
        <translation>The audit chain is intact: no deleted or altered entries were found.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location line="-170"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象编号</source>
        <translation>Object ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../hallmanager/ui/login/change_password.py" line="+33"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>为 {0} 修改登录密码。</source>
        <translation>Change the login password of {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这是临时密码，请先设置您自己的新密码。</source>
        <translation>This is a temporary password. Please set your own new password first.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>原密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次输入：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至少 8 位，须同时包含字母和数字。</source>
        <translation>At least 8 characters, with both letters and digits.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="+160"/>
        <source>日期，格式 yyyy-MM-dd</source>
        <translation>Date, format yyyy-MM-dd</translation>
    </message>
</context>
<context>
    <name>HallPage</name>
    <message>
        <location filename="../../hallmanager/ui/login/setup_wizard.py" line="-71"/>
        <source>第 1 步：营业厅</source>
        <translation>Step 1: Business hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>填写本营业厅的名称和编码，它们会显示在窗口标题和打印的表单上。</source>
        <translation>Enter the name and code of this business hall. They appear in the window title and on printed forms.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>例如：拉萨北京路营业厅</source>
        <translation>e.g. Lhasa Beijing Road Hall</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>例如：LS001</source>
        <translation>e.g. LS001</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业厅名称：</source>
        <translation>Hall name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业厅编码：</source>
        <translation>Hall code:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请填写营业厅名称</source>
        <translation>Please enter the hall name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写营业厅编码</source>
        <translation>Please enter the hall code</translation>
    </message>
</context>
<context>
    <name>HallSection</name>
    <message>
        <location filename="../../hallmanager/ui/settings/hall_section.py" line="+40"/>
        <source>营业厅</source>
        <translation>Business hall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以修改设置。您当前只能查看。</source>
        <translation>Only the hall manager may change settings. You can view them only.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业厅名称：</source>
        <translation>Hall name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业厅编码：</source>
        <translation>Hall code:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>界面语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无操作自动锁屏：</source>
        <translation>Lock after inactivity:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>界面语言在下次启动程序时生效。自动锁屏保护客户信息：离开前台时也可按 Ctrl+L 立即锁定。</source>
        <translation>A language change takes effect the next time the program starts. The automatic lock protects customer data; press Ctrl+L to lock at once when you leave the desk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>LockPage</name>
    <message>
        <location filename="../../hallmanager/ui/login/lock_page.py" line="+56"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>本人密码</source>
        <translation>Your password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>交接班：由其他人员登录</source>
        <translation>Shift change: log in as someone else</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>登录名：</source>
        <translation>Login name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>以该用户登录</source>
        <translation>Log in as this user</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0}（{1}）锁定了屏幕。输入本人密码继续工作。</source>
        <translation>{0} ({1}) locked the screen. Enter your password to continue.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请输入登录名</source>
        <translation>Please enter the login name</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../hallmanager/ui/login/login_dialog.py" line="+45"/>
        <source>登录 — 营业厅值班经理工作台</source>
        <translation>Log in — Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>营业厅值班经理工作台</source>
        <translation>Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请输入您的登录名和密码</source>
        <translation>Enter your login name and password</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>登录名：</source>
        <translation>Login name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>请输入登录名</source>
        <translation>Please enter the login name</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hallmanager/ui/main_window.py" line="+110"/>
        <source>新建(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>锁定(&amp;L)</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>切换用户(&amp;U)…</source>
        <translation>Switch &amp;user…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改密码(&amp;W)…</source>
        <translation>Change pass&amp;word…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>营业厅值班经理工作台</source>
        <translation>Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>用户：{0}（{1}）</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未登录</source>
        <translation>Not logged in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>当前班次：{0}</source>
        <translation>Current shift: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前班次：无</source>
        <translation>Current shift: none</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已切换到 {0}</source>
        <translation>Switched to {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业厅值班经理工作台 {0}
供营业厅值班经理在前台使用。</source>
        <translation>Business Hall Duty Manager {0}
For the duty manager at the hall desk.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>尚未保存</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{0}”有尚未保存的修改，仍要退出吗？</source>
        <translation>&quot;{0}&quot; has unsaved changes. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="-70"/>
        <source>金额（元），最多两位小数，例如 1234.50</source>
        <translation>Amount in yuan, at most two decimals, e.g. 1234.50</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>金额不能为空</source>
        <translation>The amount must not be empty</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>金额不能为负数</source>
        <translation>The amount must not be negative</translation>
    </message>
</context>
<context>
    <name>NotAvailableTab</name>
    <message>
        <location filename="../../hallmanager/ui/common/tab_page.py" line="+106"/>
        <source>该模块尚未开放</source>
        <extracomment>Emit after changing ``can_*`` flags so the window re-enables its actions. A short message for the status bar (&quot;已保存&quot;, &quot;已导出到 …&quot;). Set to the page&apos;s SearchBox: the default ``find()`` focuses it and the window enables 查找 (Ctrl+F) whenever it is set, even with ``can_find`` False.</extracomment>
        <translation>Not yet available</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{0}”将在后续版本中提供。目前没有数据，也不会显示示例数据。</source>
        <translation>&quot;{0}&quot; will come in a later version. There is no data yet, and no sample data is shown.</translation>
    </message>
</context>
<context>
    <name>PhoneEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="+23"/>
        <source>手机号 11 位，或固话如 0891-1234567</source>
        <translation>11-digit mobile, or a landline such as 0891-1234567</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>电话号码不能为空</source>
        <translation>The phone number must not be empty</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../hallmanager/ui/settings/users_section.py" line="+31"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>为 {0}（{1}）设置临时密码，对方下次登录时须修改。</source>
        <translation>Set a temporary password for {0} ({1}); they must change it at their next login.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>再次输入：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../hallmanager/ui/common/search.py" line="+22"/>
        <source>搜索（Ctrl+F）</source>
        <translation>Search (Ctrl+F)</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../hallmanager/ui/settings/settings_tab.py" line="+40"/>
        <source>营业厅</source>
        <translation>Business hall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>班次</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../hallmanager/ui/login/setup_wizard.py" line="+75"/>
        <source>首次使用设置 — 营业厅值班经理工作台</source>
        <translation>First-run setup — Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>下一步 &gt;</source>
        <translation>Next &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt; 上一步</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ShiftDialog</name>
    <message>
        <location filename="../../hallmanager/ui/settings/shifts_section.py" line="+62"/>
        <source>新增班次</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编辑班次</source>
        <translation>Edit shift</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>例如：早班</source>
        <translation>e.g. Morning</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始时间：</source>
        <translation>Start time:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束时间：</source>
        <translation>End time:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>结束时间必须晚于开始时间</source>
        <translation>The end time must be after the start time</translation>
    </message>
</context>
<context>
    <name>ShiftTableModel</name>
    <message>
        <location line="-51"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>ShiftsSection</name>
    <message>
        <location line="+67"/>
        <source>班次</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以修改班次。您当前只能查看。</source>
        <translation>Only the hall manager may change shifts. You can view them only.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>新增班次…</source>
        <translation>Add shift…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
</context>
<context>
    <name>TimeEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="+62"/>
        <source>时间，24 小时制 HH:mm，例如 08:30</source>
        <translation>Time, 24-hour HH:mm, e.g. 08:30</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/settings/users_section.py" line="-135"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待本人修改</source>
        <translation>Must be changed</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <location line="+145"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以管理用户。您当前只能查看。</source>
        <translation>Only the hall manager may manage users. You can view them only.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="-63"/>
        <source>初始化</source>
        <translation>Setup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录失败</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拒绝登录</source>
        <translation>Login refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出登录</source>
        <translation>Logout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改</source>
        <translation>Update</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清除程序锁</source>
        <translation>Clear program lock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签字</source>
        <translation>Sign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正</source>
        <translation>Amend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改草稿</source>
        <translation>Edit draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>勾选</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销勾选</source>
        <translation>Uncheck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认接收</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修复</source>
        <translation>Repair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业厅设置</source>
        <translation>Hall settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>程序锁</source>
        <translation>Program lock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班日志</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作流程项</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>环境设施检查</source>
        <translation>Facility inspection</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班日志设置</source>
        <translation>Duty log settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作流程模板</source>
        <translation>Checklist template</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交接事项</source>
        <translation>Handover item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>设备故障</source>
        <translation>Equipment fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交接班表</source>
        <translation>Handover sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业日报</source>
        <translation>Daily report</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../hallmanager/ui/common/errors.py" line="+25"/>
        <source>操作未完成</source>
        <translation>Action not completed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../hallmanager/ui/common/labels.py" line="+14"/>
        <source>厅经理</source>
        <translation>Hall manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班经理</source>
        <translation>Duty manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业员</source>
        <translation>Teller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉处理员</source>
        <translation>Complaint handler</translation>
    </message>
</context>
<context>
    <name>tabs</name>
    <message>
        <location filename="../../hallmanager/ui/tabs.py" line="+28"/>
        <source>今日</source>
        <extracomment>objectNames in display order (今日, 值班日志, 考勤与扣款, 现金交接, 投诉登记, 应急预案, 设置).</extracomment>
        <translation>Today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班日志</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考勤与扣款</source>
        <translation>Attendance &amp; fines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金交接</source>
        <translation>Cash handover</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉登记</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
</context>
</TS>
