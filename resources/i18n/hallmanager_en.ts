<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../hallmanager/ui/about.py" line="+46"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>营业厅值班经理工作台 {0}</source>
        <translation>Business Hall Duty Manager {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>供营业厅值班经理在前台使用。</source>
        <translation>For the duty manager at the hall desk.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>备份文件夹：</source>
        <translation>Backups folder:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>第三方组件及许可证：</source>
        <translation>Third-party components and licences:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打开许可证文件夹(&amp;L)</source>
        <translation>Open the &amp;licences folder</translation>
    </message>
</context>
<context>
    <name>AbsenceEditor</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/people.py" line="+132"/>
        <source>说明（可选）</source>
        <translation>Note (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>＋ 登记缺勤人员</source>
        <translation>+ Add absent person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../hallmanager/ui/settings/users_section.py" line="+74"/>
        <source>新增用户</source>
        <translation>Add user</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location line="+1"/>
        <source>新用户首次登录时须修改临时密码。密码至少 8 位，须同时包含字母和数字。</source>
        <translation>The new user must change the temporary password at first login. Passwords have at least 8 characters with both letters and digits.</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+36"/>
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
    <name>AmendDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/signing.py" line="+86"/>
        <source>更正已签字的值班日志</source>
        <translation>Amend the signed duty log</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>录入错误</source>
        <translation>Typing error</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>补充遗漏</source>
        <translation>Add what was missing</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数据核对后更正</source>
        <translation>Corrected after checking</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>更正字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前值</source>
        <translation>Current value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正为</source>
        <translation>New value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>请输入密码</source>
        <translation>Please enter your password</translation>
    </message>
</context>
<context>
    <name>AmendmentTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/models.py" line="+170"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正人</source>
        <translation>Amended by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原值</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>新值</source>
        <translation>New value</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/actions.py" line="+127"/>
        <source>转交 {0}</source>
        <translation>Hand over {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转交</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任部门</source>
        <translation>Responsible department</translation>
    </message>
</context>
<context>
    <name>AttendanceTab</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/tab.py" line="+82"/>
        <source>打卡登记</source>
        <translation>Punch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>姓名、拼音首字母或工号，可加时间：zs 09:47（回车登记，时间默认现在）</source>
        <translation>Name, pinyin initials or staff no., optionally a time: zs 09:47 (Enter records; time defaults to now)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>登记打卡</source>
        <translation>Record punch</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>导入考勤机文件…</source>
        <translation>Import clock file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补卡…</source>
        <translation>Add missing punch…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请假…</source>
        <translation>Leave…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>违规…</source>
        <translation>Violation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免除扣款…</source>
        <translation>Waive fine…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>考勤设置</source>
        <translation>Attendance set-up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>花名册…</source>
        <translation>Roster…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扣款规则…</source>
        <translation>Fine rules…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作息与节假日…</source>
        <translation>Timetables &amp; holidays…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出考勤表 PDF…</source>
        <translation>Export attendance PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月结…</source>
        <translation>Close month…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>考勤与扣款</source>
        <translation>Attendance &amp; fines</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>本人 {0} 考勤</source>
        <translation>My attendance, {0}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>已月结</source>
        <translation>closed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未月结</source>
        <translation>open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} · {1} 人 · 扣款合计 {2}</source>
        <translation>{0} · {1} people · fines {2}</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>补登其他日期的打卡请输入时间，例如：{0} 09:47</source>
        <translation>For another day, type the time too, e.g. {0} 09:47</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已登记：{0}（{1}）{2} · {3}</source>
        <translation>Recorded: {0} ({1}) {2} · {3}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>请先在列表中选择一条有扣款的记录</source>
        <translation>Select a row with a fine first</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>月结</source>
        <translation>Close month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月结 {0} 后该月的考勤、请假、违规和扣款都不能再修改。确定月结？</source>
        <translation>After closing {0}, its attendance, leave, violations and fines can no longer change. Close the month?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0} 已月结</source>
        <translation>{0} closed</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>导入考勤机文件</source>
        <translation>Import clock file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考勤机导出文件 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Clock exports (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新增 {0} 条，重复 {1} 条，拒绝 {2} 条。</source>
        <translation>{0} new, {1} duplicates, {2} rejected.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在导入考勤机文件…</source>
        <translation>Importing the clock file…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>导出考勤</source>
        <translation>Export attendance</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>已导出：{0}</source>
        <translation>Written: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>AttentionTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/today/models.py" line="+50"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提示</source>
        <translation>Info</translation>
    </message>
</context>
<context>
    <name>AttentionText</name>
    <message>
        <location filename="../../hallmanager/domain/dutylog/__init__.py" line="+65"/>
        <source>未报修</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已报修</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修复</source>
        <translation>Repaired</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/dutylog/attention.py" line="+52"/>
        <source>%1值班日志尚未创建</source>
        <translation>%1 duty log not started yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请打开值班日志开始本班记录</source>
        <translation>Open the duty log to start this shift&apos;s record</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1流程</source>
        <translation>%1 checklist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>目标时间 %1</source>
        <translation>target %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>自 %1</source>
        <translation>since %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已报 %1</source>
        <translation>reported to %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>设备故障：%1</source>
        <translation>Equipment fault: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>交接事项待确认：%1</source>
        <translation>Hand-over item to acknowledge: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交给 %1 %2</source>
        <translation>for %1 %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 %2缺少值班日志</source>
        <translation>%1 %2: duty log missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>该班次已结束但没有值班日志</source>
        <translation>The shift has ended without a duty log</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2值班日志未签字</source>
        <translation>%1 %2: duty log not signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班经理：%1</source>
        <translation>Duty manager: %1</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/today.py" line="+122"/>
        <source>部分提醒无法加载</source>
        <translation>Some reminders could not be loaded</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/dutylog/module.py" line="+49"/>
        <source>本班值班日志尚未创建</source>
        <translation>This shift&apos;s duty log has not been started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>值班经理：%1（日志已签字）</source>
        <translation>Duty manager: %1 (log signed)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>值班经理：%1（日志草稿）</source>
        <translation>Duty manager: %1 (log draft)</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/attendance/attention.py" line="+39"/>
        <source>%1 尚未打卡</source>
        <translation>%1 has not clocked in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上班时间 %1</source>
        <translation>starts %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已过 %1 分钟</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>节假日表只到 %1</source>
        <translation>Holiday table ends %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请在考勤设置中录入国务院办公厅发布的下一年放假安排</source>
        <translation>Enter next year&apos;s official holiday notice in the attendance settings</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>今日出勤 %1/%2（迟到 %3）</source>
        <translation>Attendance today %1/%2 (late %3)</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/complaints/attention.py" line="+33"/>
        <source>投诉回访 %1</source>
        <translation>Complaint call-back %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>投诉 %1</source>
        <translation>Complaint %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>时限 %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>声称升级</source>
        <translation>Threatens to escalate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重复投诉</source>
        <translation>Repeat complaint</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/complaints/module.py" line="+52"/>
        <source>投诉超时 %1 条</source>
        <translation>%1 complaints overdue</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/cash/attention.py" line="+34"/>
        <source>款箱未完成交接：%1</source>
        <translation>Till handover not finished: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 → %2，%3</source>
        <translation>%1 → %2, %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>大额短款待厅经理复核：%1 %2</source>
        <translation>Large shortage awaiting the hall manager&apos;s review: %1 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 近 %2 天短款 %3 次</source>
        <translation>%1 was short %3 times in %2 days</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/emergency/attention.py" line="+23"/>
        <source>已进行 %1，完成 %2/%3 步</source>
        <translation>Running for %1, %2/%3 steps done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 条纸质登记未补录</source>
        <translation>%1 paper registration(s) not entered</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>应急演练进行中：%1</source>
        <translation>Emergency drill in progress: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>应急事件进行中：%1</source>
        <translation>Emergency in progress: %1</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/backup.py" line="+371"/>
        <source>数据备份失败</source>
        <extracomment>the newest good copy older than this is an attention item on 今日</extracomment>
        <translation>Data backup failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备份文件夹：%1</source>
        <translation>Backup folder: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>最近一次成功备份：%1</source>
        <translation>Last good backup: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请在 设置 › 备份与恢复 中立即备份</source>
        <translation>Back up now in Settings › Backup and restore</translation>
    </message>
</context>
<context>
    <name>AuditSection</name>
    <message>
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="+130"/>
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
        <location line="+15"/>
        <source>选择一条记录查看修改前后的内容</source>
        <translation>Select an entry to see the content before and after the change</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+117"/>
        <location line="+19"/>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>检查审计记录是否被删除或篡改</source>
        <translation>Check whether audit entries were deleted or altered</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+5"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>共 {0} 条</source>
        <translation>{0} entries</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示 {0} / 共 {1} 条（向下滚动加载更多）</source>
        <translation>Showing {0} of {1} (scroll down for more)</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+17"/>
        <source>正在校验审计链…</source>
        <translation>Checking the audit chain…</translation>
    </message>
    <message>
        <location line="+15"/>
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
        <location line="-212"/>
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
        <location line="+2"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>BackupAge</name>
    <message>
        <location filename="../../hallmanager/ui/settings/backup_section.py" line="+52"/>
        <source>从未备份</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 分钟前</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 小时前</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 天前</source>
        <translation>%1 days ago</translation>
    </message>
</context>
<context>
    <name>BackupSection</name>
    <message>
        <location line="+18"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>默认：数据库旁边的 backups 文件夹</source>
        <translation>Default: the backups folder beside the database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>启动时（距上次备份超过一天）和正常退出时自动备份</source>
        <translation>Back up automatically at start (when the last backup is a day old) and at a normal exit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备份文件夹：</source>
        <translation>Backup folder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留每日备份：</source>
        <translation>Keep daily backups:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留每周备份：</source>
        <translation>Keep weekly backups:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保留每月备份：</source>
        <translation>Keep monthly backups:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存备份设置</source>
        <translation>Save backup settings</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>校验</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>立即备份(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>校验所选备份</source>
        <translation>Check selected backup</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>从备份恢复…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>自动</source>
        <translation>automatic</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>手动</source>
        <translation>manual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复前</source>
        <translation>before restore</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未校验</source>
        <translation>not checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>通过</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未通过</source>
        <translation>FAILED</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>备份文件夹：{0}</source>
        <translation>Backup folder: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最近一次成功备份：{0}</source>
        <translation>Last good backup: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>最近一次备份失败（{0}）：{1}</source>
        <translation>Last backup failed ({0}): {1}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>选择备份文件夹</source>
        <translation>Choose the backup folder</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在备份并校验数据库…</source>
        <translation>Backing up and checking the database…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>备份文件校验通过：{0}</source>
        <translation>Backup file checked OK: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备份文件校验未通过：
{0}</source>
        <translation>Backup file failed its check:
{0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>校验备份</source>
        <translation>Check backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在校验备份文件…</source>
        <translation>Checking the backup file…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库备份 (*.sqlite *.pgdump)</source>
        <translation>Database backups (*.sqlite *.pgdump)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+27"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>用备份 {0} 替换当前数据库？</source>
        <translation>Replace the current database with the backup {0}?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>备份之后的所有记录都将不在当前数据库中（当前数据库会先另存为“恢复前”备份）。恢复后需要重新登录。</source>
        <translation>Everything recorded after the backup will no longer be in the database (the current database is first kept as a “before restore” backup). You must log in again afterwards.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>正在校验备份并恢复数据库…</source>
        <translation>Checking the backup and restoring the database…</translation>
    </message>
</context>
<context>
    <name>CalendarDialog</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/calendar.py" line="+69"/>
        <source>作息与节假日</source>
        <translation>Timetables &amp; holidays</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存作息时间</source>
        <translation>Save timetables</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>作息时间（季节）</source>
        <translation>Timetables (seasons)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>从（MM-DD）</source>
        <translation>From (MM-DD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>到（MM-DD）</source>
        <translation>To (MM-DD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时段</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>节假日表</source>
        <translation>Holiday table</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>恢复为普通日</source>
        <translation>Back to an ordinary day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>名称，例如 春节</source>
        <translation>Name, e.g. Spring Festival</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>设置该日</source>
        <translation>Set the day</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>节假日已录入至此日</source>
        <translation>Holidays entered up to this day</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>节假日表已知至 {0}</source>
        <translation>Holiday table known up to {0}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>第 {0} 行</source>
        <translation>Row {0}</translation>
    </message>
</context>
<context>
    <name>CallbackDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/actions.py" line="-68"/>
        <source>回访 {0}</source>
        <translation>Call back {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录回访</source>
        <translation>Record call-back</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>客户 {0}，电话 {1}。此前未接通 {2} 次。</source>
        <translation>Customer {0}, phone {1}. Not reached {2} time(s) so far.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（完整号码：在投诉详情中按“显示完整信息”）</source>
        <translation> (full number: press &quot;Show full details&quot; in the complaint pane)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>不满意时必填</source>
        <translation>Required when dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因 / 说明</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已接通须选择满意度；不满意须填写原因。归档前须回访接通，或三次未接通并填写说明。</source>
        <translation>An answered call needs the satisfaction; dissatisfied needs a reason. Closing needs an answered call-back, or three failed attempts and a note.</translation>
    </message>
</context>
<context>
    <name>CallbackModel</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/models.py" line="+140"/>
        <source>回访时间</source>
        <translation>Call-back time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访人</source>
        <translation>Called by</translation>
    </message>
</context>
<context>
    <name>CashDialogs</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="+91"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CashSettingsDialog</name>
    <message>
        <location line="+417"/>
        <source>现金交接设置</source>
        <translation>Cash handover settings</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>清点面额</source>
        <translation>Denominations counted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非现金方式</source>
        <translation>Non-cash methods</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长短款原因</source>
        <translation>Over/short reasons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>短款复核金额（超过须厅经理复核）</source>
        <translation>Review threshold (larger shortages need the hall manager)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>代码用于记录与统计，已用过的代码请勿更改；名称可随时修改。</source>
        <translation>Codes are stored and counted: do not change a code already used; names may change at any time.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>CashTab</name>
    <message>
        <location filename="../../hallmanager/ui/cash/tab.py" line="+69"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>新建清点</source>
        <translation>New count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日结解款…</source>
        <translation>Close day &amp; deposit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印交接单</source>
        <translation>Print slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>现金存取…</source>
        <translation>Cash in/out…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票收据交接…</source>
        <translation>Invoice/receipt ranges…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业员长短款记录…</source>
        <translation>Teller over/short history…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金交接设置…</source>
        <translation>Cash settings…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>现金交接</source>
        <translation>Cash handover</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>仅显示本人的款箱</source>
        <translation>Only your own till is shown</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>当日 {0} 个款箱：现金 {1}，非现金 {2}，实收 {3}，系统应收 {4}，长短款 {5}；现金存取 {6}</source>
        <translation>{0} tills today: cash {1}, non-cash {2}, received {3}, receivable {4}, over/short {5}; cash in/out {6}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>；{0} 个未双方确认</source>
        <translation>; {0} not confirmed by both sides</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；{0} 笔大额短款待复核</source>
        <translation>; {0} large shortage(s) awaiting review</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>；已日结，解款 {0}（款袋 {1}）</source>
        <translation>; day closed, deposited {0} (bag {1})</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>请先在列表中选择一个款箱清点再{0}</source>
        <translation>Select a till count in the list first to {0}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>退回</source>
        <translation>return it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>退回重点</source>
        <translation>Return for recount</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>退回原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {0} 号已由 {1} 确认交出；退回后回到清点中，可修改后重新确认。</source>
        <translation>No. {0} was handed over by {1}; returned, it goes back to counting and can be changed and confirmed again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>复核</source>
        <translation>review it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>厅经理复核</source>
        <translation>Hall manager&apos;s review</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复核意见</source>
        <translation>Review note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第 {0} 号 {1}：{2}，原因：{3} {4}</source>
        <translation>No. {0} {1}: {2}, reason: {3} {4}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>冲正</source>
        <translation>reverse it</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>打印</source>
        <translation>print it</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>交接单已生成：{0}</source>
        <translation>Slip written: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>款箱交接单 第 {0} 号</source>
        <translation>Till slip no. {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在生成交接单…</source>
        <translation>Writing the till slip…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>另存交接单</source>
        <translation>Save the till slip</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>导出现金交接明细</source>
        <translation>Export the cash handover workbook</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导出：{0}</source>
        <translation>Written: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../hallmanager/ui/login/change_password.py" line="+26"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>为 {0} 修改登录密码。</source>
        <translation>Change the login password of {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这是临时密码，请先设置您自己的新密码。</source>
        <translation>This is a temporary password. Please set your own new password first.</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+1"/>
        <source>至少 8 位，须同时包含字母和数字。</source>
        <translation>At least 8 characters, with both letters and digits.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/checklist.py" line="+34"/>
        <source>值班经理每日工作流程</source>
        <translation>Duty manager&apos;s daily checklist</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>选中一项：空格 完成 · S 跳过 · Del 撤销</source>
        <translation>Select an item: Space done · S skip · Del undo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>完成(空格)</source>
        <translation>Done (Space)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>跳过(S)…</source>
        <translation>Skip (S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>撤销(Del)</source>
        <translation>Undo (Del)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>共 {0} 项 · 未完成 {1} 项</source>
        <translation>{0} items · {1} open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · 已超时 {0} 项</source>
        <translation> · {0} overdue</translation>
    </message>
</context>
<context>
    <name>ChecklistTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/models.py" line="-78"/>
        <source>目标时间</source>
        <translation>Target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>完成时间</source>
        <translation>Done at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成人</source>
        <translation>Done by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跳过原因</source>
        <translation>Skip reason</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已完成（超时）</source>
        <translation>Done (late)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未完成</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>ComplaintDetail</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/detail.py" line="+122"/>
        <source>开始处理</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>答复客户…</source>
        <translation>Reply…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待客户…</source>
        <translation>Wait for customer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访…</source>
        <translation>Call back…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>归档…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>升级…</source>
        <translation>Escalate…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>重新处理…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理记录…</source>
        <translation>Add note…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>转交…</source>
        <translation>Hand over…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示完整信息</source>
        <translation>Show full details</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>打印处理单…</source>
        <translation>Print slip…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>处理过程</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访记录</source>
        <translation>Call-backs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应对建议</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>未选择投诉</source>
        <translation>No complaint selected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在上面的列表中选择一条投诉，或按 Ctrl+N 登记新投诉。</source>
        <translation>Select a complaint in the list above, or press Ctrl+N to register a new one.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>已归档 {0}</source>
        <translation>Closed {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>等待客户中：处理时限暂停计时</source>
        <translation>Waiting for the customer: the deadline clock is paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访时限</source>
        <translation>Call-back deadline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>处理时限</source>
        <translation>Handling deadline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} {1} · {2}</source>
        <translation>{0} {1} · {2}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已升级</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>客户声称升级</source>
        <translation>Customer threatens to escalate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重复投诉（前次 {0}）</source>
        <translation>Repeat complaint (earlier {0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VIP / 集团客户</source>
        <translation>VIP / group customer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户诉求</source>
        <translation>Customer&apos;s request</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>答复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>答复客户</source>
        <translation>Reply to customer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录答复</source>
        <translation>Record reply</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>写明给客户的处理结果；回访时限从现在起计算。</source>
        <translation>State the outcome given to the customer; the call-back deadline counts from now.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>等待客户</source>
        <translation>Wait for customer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>等待原因</source>
        <translation>Reason for waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>暂停计时</source>
        <translation>Pause clock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待客户提供材料或答复期间，处理时限暂停；客户回复后按“恢复计时”。</source>
        <translation>While waiting for documents or an answer from the customer the deadline is paused; press &quot;Resume clock&quot; when the customer answers.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>升级</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>升级原因</source>
        <translation>Reason for escalation</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>重新处理</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>处理时限从现在起重新计算。</source>
        <translation>The handling deadline counts again from now.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>处理记录</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>采取的措施</source>
        <translation>Action taken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>归档</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>回访已接通可直接归档；三次回访未接通的须填写说明。</source>
        <translation>With an answered call-back the complaint closes directly; after three failed attempts a note is required.</translation>
    </message>
</context>
<context>
    <name>ComplaintListModel</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/models.py" line="-61"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访时限</source>
        <translation>Call-back deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理时限</source>
        <translation>Handling deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>ComplaintPhoneEdit</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/register.py" line="+54"/>
        <source>手机 11 位，或固话含区号；+86、空格、点号都可以</source>
        <translation>11-digit mobile or a landline with area code; +86, spaces and dots are fine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写联系电话</source>
        <translation>Please enter the contact phone</translation>
    </message>
</context>
<context>
    <name>ComplaintSettingsDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/setup.py" line="+58"/>
        <source>投诉类别与时限</source>
        <translation>Complaint categories and deadlines</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>只有厅经理可以修改投诉设置。您当前只能查看。</source>
        <translation>Only the hall manager may change the complaint settings. You can only view them.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>类别与时限</source>
        <translation>Categories and deadlines</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>编号前缀</source>
        <translation>Number prefix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉类别（每行一个）</source>
        <translation>Categories (one per line)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+33"/>
        <location line="+5"/>
        <source> 小时</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>当天办结</source>
        <translation>Same day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按营业时间计</source>
        <translation>Count opening hours only</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0}时限</source>
        <translation>{0} deadline</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>营业时间</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>每行一个日期，例如 2027-01-01</source>
        <translation>One date per line, e.g. 2027-01-01</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>闭厅日期（按营业时间计时跳过）</source>
        <translation>Closed days (skipped when counting opening hours)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>答复后回访时限</source>
        <translation>Call back within (after reply)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>到期前提醒</source>
        <translation>Warn before due</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入转派工单时，按下表在 Excel 第一行找各字段的列：右列填写对方文件中的表头文字。标 * 的字段必须填写，同一表头不能对应两个字段。</source>
        <translation>When importing transferred work orders, each field&apos;s column is found by its header in the first row of the Excel file: type their header text in the right column. Fields marked * are required; one header cannot serve two fields.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>恢复默认表头</source>
        <translation>Restore default headers</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入列对应</source>
        <translation>Import columns</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>“当天办结”：当天营业结束前。按营业时间计时，夜间和休息日不计入。修改只影响之后登记的投诉。</source>
        <translation>&quot;Same day&quot;: before the hall closes that day. Counting opening hours skips nights and closed days. Changes apply to complaints registered afterwards.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>本系统字段</source>
        <translation>Our field</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>对方文件中的表头</source>
        <translation>Header in their file</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>导入列对应缺少：{0}（这些字段必须填写表头）</source>
        <translation>Import columns missing: {0} (these fields need a header)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>表头“{0}”同时对应了{1}和{2}，每个表头只能对应一个字段</source>
        <translation>Header “{0}” is mapped to both {1} and {2}; each header can serve only one field</translation>
    </message>
</context>
<context>
    <name>ComplaintStatsDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/stats.py" line="+337"/>
        <location line="+170"/>
        <source>投诉统计</source>
        <translation>Complaint statistics</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>从(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至(&amp;T)</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出 Excel(&amp;E)…</source>
        <translation>&amp;Export Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出 PDF(&amp;P)…</source>
        <translation>Export &amp;PDF…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>按月</source>
        <translation>By month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按类别</source>
        <translation>By category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月份 × 类别</source>
        <translation>Month × category</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>开始月份晚于结束月份</source>
        <translation>The first month is after the last month</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{0}：受理 {1} 件，归档 {2} 件，按时率 {3}，回访率 {4}，满意率 {5}，平均处理 {6} 小时，重复率 {7}</source>
        <translation>{0}: {1} received, {2} closed, on time {3}, called back {4}, satisfied {5}, average handling {6} h, repeats {7}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>受理与归档（按月）</source>
        <translation>Received and closed (by month)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+10"/>
        <source>归档</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>按时率、回访率、满意率（按月）</source>
        <translation>On-time, call-back and satisfaction rate (by month)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访率</source>
        <translation>Call-back rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>受理与归档（按类别）</source>
        <translation>Received and closed (by category)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>导出投诉统计</source>
        <translation>Export complaint statistics</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+4"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>ComplaintsTab</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/tab.py" line="+103"/>
        <source>登记投诉（Ctrl+N）</source>
        <translation>Register (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导入转派工单…</source>
        <translation>Import orders…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按当前筛选导出投诉清单和统计（Ctrl+E）</source>
        <translation>Export the complaints the filters select, with statistics (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>含完整个人信息</source>
        <translation>With full personal data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>只有厅经理可以导出完整姓名、电话和证件号，每次导出都记入审计日志</source>
        <translation>Only the hall manager may export full names, phones and ID numbers; every such export is audited</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>统计…</source>
        <translation>Statistics…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>投诉设置</source>
        <translation>Set-up</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>类别与时限…</source>
        <translation>Categories and deadlines…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应对建议…</source>
        <translation>Playbook…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未归档</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>只看超时</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>受理日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>电话（完整号码或部分数字）</source>
        <translation>Phone (full number or some digits)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编号、工单号、问题、诉求、答复（Ctrl+F）</source>
        <translation>Number, work order, problem, request, reply (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>投诉登记</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>您的角色不能查看投诉</source>
        <translation>Your role may not view complaints</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>全部处理人</source>
        <translation>All handlers</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>共 {0} 条</source>
        <translation>{0} in all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示 {0} / 共 {1} 条（向下滚动加载更多）</source>
        <translation>Showing {0} of {1} (scroll down to load more)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>超时 {0} 条</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>即将到期 {0} 条</source>
        <translation>{0} due soon</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>30 天内重复投诉</source>
        <translation>repeat within 30 days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户声称升级</source>
        <translation>Customer threatens to escalate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已登记投诉 {0}，处理时限 {1}</source>
        <translation>Registered complaint {0}, due {1}</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>已生成投诉处理单：{0}</source>
        <translation>Complaint slip written: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>投诉处理单 {0}</source>
        <translation>Complaint slip {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在生成投诉处理单…</source>
        <translation>Writing the complaint slip…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>另存投诉处理单</source>
        <translation>Save complaint slip as</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无法保存到 {0}：{1}</source>
        <translation>Cannot save to {0}: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已保存：{0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>导出投诉清单</source>
        <translation>Export complaint list</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导出：{0}</source>
        <translation>Written: {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>正在导出投诉清单…</source>
        <translation>Exporting the complaint list…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>导入转派工单</source>
        <translation>Import transferred work orders</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工单 (*.xlsx)</source>
        <translation>Excel work orders (*.xlsx)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>导入 {0} 行：新增 {1} 条，已登记过 {2} 条</source>
        <translation>Imported {0} rows: {1} added, {2} already registered</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在导入转派工单…</source>
        <translation>Importing work orders…</translation>
    </message>
</context>
<context>
    <name>ContactsDialog</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/settings.py" line="+144"/>
        <source>应急联系电话</source>
        <translation>Emergency contacts</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>联系电话</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每季度演练目标（次）</source>
        <translation>Drills per quarter (target)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每行一个：名称 | 号码，例如：物业 | 0892-8826600</source>
        <translation>One per line: name | number, e.g. Property | 0892-8826600</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/models.py" line="+101"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
</context>
<context>
    <name>ContactsSection</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/settings.py" line="+15"/>
        <location line="+22"/>
        <source>应急联系电话</source>
        <translation>Emergency contacts</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>只有厅经理可以修改应急联系电话。您当前只能查看。</source>
        <translation>Only the hall manager may change the emergency contacts. You can only view them.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="+199"/>
        <source>日期，格式 yyyy-MM-dd</source>
        <translation>Date, format yyyy-MM-dd</translation>
    </message>
</context>
<context>
    <name>DateTimeEdit</name>
    <message>
        <location line="-41"/>
        <source>日期和时间，格式 YYYY-MM-DD HH:MM（24 小时制），全角数字也可以</source>
        <translation>Date and time as YYYY-MM-DD HH:MM (24-hour); full-width digits are accepted</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请填写日期和时间（YYYY-MM-DD HH:MM）</source>
        <translation>Please enter a date and time (YYYY-MM-DD HH:MM)</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="-279"/>
        <source>日结解款 {0}</source>
        <translation>Close day &amp; deposit {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日结</source>
        <translation>Close day</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>共 {0} 个款箱，清点现金（含备用金）{1}，非现金 {2}，长短款 {3}；未双方确认 {4} 个，待复核 {5} 笔；现金存取 {6}。</source>
        <translation>{0} tills, cash counted (floats included) {1}, non-cash {2}, over/short {3}; {4} not confirmed by both sides, {5} awaiting review; cash in/out {6}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>解款金额</source>
        <translation>Bank deposit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>存入保险柜</source>
        <translation>Kept in the safe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>款袋号</source>
        <translation>Bag no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>封签号</source>
        <translation>Seal no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>解款时间</source>
        <translation>Deposit time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>押运/陪同</source>
        <translation>Escort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>差额说明</source>
        <translation>Explanation of the gap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>清点现金 − 解款 − 存入保险柜 须为 0，否则请填写差额说明。日结后当天的款箱不能再清点或冲正。</source>
        <translation>Cash counted − deposit − safe must be 0, or explain the gap. After the close no till of the day can be counted or reversed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} 已日结：{1} 于 {2}</source>
        <translation>{0} is closed: {1} at {2}</translation>
    </message>
</context>
<context>
    <name>DayTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/models.py" line="+44"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标记</source>
        <translation>Mark</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打卡</source>
        <translation>Punches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>早退</source>
        <translation>Early</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>扣款</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>依据</source>
        <translation>Rule</translation>
    </message>
</context>
<context>
    <name>DutyLogListTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/models.py" line="-50"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班经理</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 项流程未完成</source>
        <translation>{0} checklist items open</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>已签字·已更正</source>
        <translation>Signed · amended</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已签字</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
</context>
<context>
    <name>DutyLogTab</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/tab.py" line="+60"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印交接班表…</source>
        <translation>Print handover sheet…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+P：预览并打印本班交接班表</source>
        <translation>Ctrl+P: preview and print this shift&apos;s handover sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导出营业日报…</source>
        <translation>Export daily report…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+E：导出所选日期的营业日报（Excel）</source>
        <translation>Ctrl+E: export the daily report (Excel) of the chosen date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印/导出含完整手机号和证件号</source>
        <translation>Print/export with full phone and ID numbers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印和导出默认遮盖文中的手机号和身份证号；勾选后本次输出保留完整号码，并记入审计日志</source>
        <translation>Prints and exports mask phone and ID numbers in free text; tick to keep them in full for this one output (recorded in the audit log)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>搜索日志（Ctrl+F）</source>
        <translation>Search logs (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>最近的值班日志</source>
        <translation>Recent duty logs</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>创建本班值班日志</source>
        <translation>Start this shift&apos;s duty log</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>值班日志</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>尚未设置班次，请厅经理在“设置 → 班次”中添加。</source>
        <translation>No shifts yet; the hall manager adds them under Settings → Shifts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>您的角色无权查看值班日志。</source>
        <translation>Your role may not view duty logs.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} {1} 尚未创建值班日志。</source>
        <translation>No duty log for {0} {1} yet.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{0} {1} 没有值班日志。要为这一过去的日期补建日志吗？</source>
        <translation>There is no duty log for {0} {1}. Create one for this past date?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} {1} 还没有到。要提前创建值班日志吗？</source>
        <translation>{0} {1} has not started yet. Create its duty log now?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>创建值班日志</source>
        <translation>Create duty log</translation>
    </message>
</context>
<context>
    <name>EmergencyTab</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/tab.py" line="+78"/>
        <source>预案</source>
        <extracomment>Ask the main window to show a target in this tab (the 操作 menu&apos;s start action).</extracomment>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>方向键选择预案，回车启动</source>
        <translation>Arrow keys choose a plan, Enter starts it</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+67"/>
        <source>演练</source>
        <translation>Drill</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>不勾选即为真实事件</source>
        <translation>Unticked: a real event</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>启动预案</source>
        <translation>Start plan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在任何页面按 {0} 直接到这里</source>
        <translation>Press {0} on any tab to come here</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>历史记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>启动应急预案…</source>
        <translation>Start emergency plan…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>真实事件</source>
        <translation>Real events</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>查看</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+72"/>
        <source>打印事件记录…</source>
        <translation>Print incident report…</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>完成（空格）</source>
        <translation>Done (Space)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>跳过…（S）</source>
        <translation>Skip… (S)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>结束预案…</source>
        <translation>Finish…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>过程记录（N 键添加）</source>
        <translation>Notes (N to add)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>随时记录：联系了谁、现场情况……（回车保存）</source>
        <translation>Note anything: who was called, the situation… (Enter saves)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>添加记录</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>应急联系电话</source>
        <translation>Emergency contacts</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>纸质登记（停机期间办理的客户）</source>
        <translation>Paper registrations (customers served during the outage)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>登记客户…</source>
        <translation>Register customer…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>标记已补录</source>
        <translation>Mark entered</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>查看完整信息</source>
        <translation>Show in full</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>补录时查看客户的完整号码（记入审计日志）</source>
        <translation>Show the customer&apos;s full number to key it in (audited)</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>全部预案</source>
        <translation>All plans</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>进行中 #{0} {1}</source>
        <translation>Open #{0} {1}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>演练次数（每季度目标 {0} 次）：</source>
        <translation>Drills (target {0} per quarter): </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（未达标）</source>
        <translation> (below target)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请先在列表中选择一条记录</source>
        <translation>Select a run in the list first</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{0} · 第 {1} 版 · #{2} · {3} 启动，{4}</source>
        <translation>{0} · version {1} · #{2} · started {3} by {4}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>共 {0} 条，未补录 {1} 条</source>
        <translation>{0} in all, {1} not entered</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>完成 {0}/{1} 步</source>
        <translation>{0}/{1} steps done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>已结束：{0} {1}</source>
        <translation>Finished: {0} {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因：{0}</source>
        <translation>Cause: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>损失：{0}</source>
        <translation>Losses: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>后续措施：{0}</source>
        <translation>Follow-up: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未补录说明：{0}</source>
        <translation>Not entered because: {0}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>用时 {0}</source>
        <translation>Took {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已进行 {0}</source>
        <translation>Running {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请先选择预案</source>
        <translation>Choose a plan first</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已启动：{0}</source>
        <translation>Started: {0}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>该步骤已{0}，不能再修改；如有误请添加备注</source>
        <translation>This step is already {0} and cannot change; add a note if it was wrong</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+11"/>
        <source>请先选择一条纸质登记</source>
        <translation>Select a paper registration first</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>纸质登记</source>
        <translation>Paper registration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户：{0}
号码：{1}
业务：{2}
金额：{3}
联系方式：{4}</source>
        <translation>Customer: {0}
Number: {1}
Business: {2}
Amount: {3}
Contact: {4}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>已结束：{0}，用时 {1}</source>
        <translation>Finished: {0}, took {1}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请先选择一条记录</source>
        <translation>Select a run first</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>打印应急事件记录</source>
        <translation>Print incident report</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已生成事件记录：{0}</source>
        <translation>Incident report written: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在生成事件记录…</source>
        <translation>Writing the incident report…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="+273"/>
        <source>导出现金交接明细</source>
        <translation>Export the cash handover workbook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>结束日期不能早于开始日期</source>
        <translation>The end date must not be before the start date</translation>
    </message>
</context>
<context>
    <name>FaultDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/dialogs.py" line="+68"/>
        <source>登记设备故障</source>
        <translation>Report equipment fault</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>例如：2 号窗口 POS 机无法刷卡</source>
        <translation>e.g. POS terminal at counter 2 does not read cards</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已报修</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>报修对象，例如：IT 支撑热线、物业</source>
        <translation>Reported to, e.g. IT support hotline, property management</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>故障情况</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>发现时间</source>
        <translation>Since</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>报修对象</source>
        <translation>Reported to</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>报修时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>FaultPanel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/records.py" line="+203"/>
        <source>设备故障</source>
        <translation>Equipment faults</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>登记故障…</source>
        <translation>Report fault…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已报修…</source>
        <translation>Reported…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修复</source>
        <translation>Repaired</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未修复的故障会一直带入后续班次的日志</source>
        <translation>Faults not yet repaired are carried into every following log</translation>
    </message>
</context>
<context>
    <name>FaultReportedDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/dialogs.py" line="+23"/>
        <source>标记已报修</source>
        <translation>Mark as reported</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报修对象</source>
        <translation>Reported to</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>报修时间</source>
        <translation>Reported at</translation>
    </message>
</context>
<context>
    <name>FaultTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/models.py" line="+52"/>
        <source>故障</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现时间</source>
        <translation>Since</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报修对象</source>
        <translation>Reported to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>报修时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修复时间</source>
        <translation>Repaired at</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未报修</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已报修</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已修复</source>
        <translation>Repaired</translation>
    </message>
</context>
<context>
    <name>FinishDialog</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/dialogs.py" line="+74"/>
        <source>结束预案</source>
        <translation>Finish the plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}，已进行 {1}。结束后记录不能再修改。</source>
        <translation>{0}, running {1}. Once finished the record cannot change.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>必填</source>
        <translation>required</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无损失可填“无”</source>
        <translation>Write “none” if nothing was lost</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>损失</source>
        <translation>Losses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>后续措施</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未补录说明（{0} 条）</source>
        <translation>Why not entered ({0})</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../hallmanager/ui/common/forms.py" line="+53"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取消</source>
        <translation>Cancel</translation>
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
    <name>HandoverItemDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/dialogs.py" line="+8"/>
        <source>交接事项</source>
        <translation>Handover item</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>例如：3 号柜台打印机卡纸，已报修，请跟进</source>
        <translation>e.g. printer at counter 3 jams, repair requested, please follow up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>交给</source>
        <translation>For</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>HandoverTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/models.py" line="+8"/>
        <source>交接事项</source>
        <translation>Handover item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交给</source>
        <translation>For</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记时间</source>
        <translation>Entered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>待确认</source>
        <translation>Awaiting acknowledgement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} {1} 已确认</source>
        <translation>acknowledged by {0} {1}</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="-176"/>
        <source>营业员长短款记录</source>
        <translation>Teller over/short history</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>营业员</source>
        <translation>Teller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>{0}：交接 {1} 次，长款合计 {2}，短款合计 {3}（{4} 次）；下表只列有差额或冲正的记录</source>
        <translation>{0}: {1} handovers, over {2}, short {3} ({4} times); the list below shows only counts with a difference or a reversal</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/models.py" line="-30"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>启动人</source>
        <translation>Started by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质登记</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>HolidayTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/calendar.py" line="-107"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>IncomingPanel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/records.py" line="-148"/>
        <source>上一班交接事项（{0} 项待确认）</source>
        <translation>Handed over by the previous shift ({0} to acknowledge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一班交接事项</source>
        <translation>Handed over by the previous shift</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上一班没有移交事项。</source>
        <translation>The previous shift handed over nothing.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>来自 {0} {1}（{2}）</source>
        <translation>From {0} {1} ({2})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>✓ {0} 于 {1} 确认接收</source>
        <translation>✓ acknowledged by {0} at {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>确认接收</source>
        <translation>Acknowledge</translation>
    </message>
</context>
<context>
    <name>InspectionPanel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/inspections.py" line="+38"/>
        <source>营业环境、设施、宣传检查</source>
        <translation>Inspection: environment, facilities, promotion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未检查的全部正常</source>
        <translation>All unchecked OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>把尚未检查的项目全部标记为正常</source>
        <translation>Mark every item not yet checked as OK</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有问题</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>有问题时写明情况</source>
        <translation>Describe any problem</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>请写明问题情况</source>
        <translation>Please describe the problem</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>共 {0} 项 · 有问题 {1} 项 · 未检查 {2} 项</source>
        <translation>{0} items · {1} problems · {2} not checked</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="-154"/>
        <source>发票收据交接 {0}</source>
        <translation>Invoice/receipt ranges {0}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>发票</source>
        <translation>Invoice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收据</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>起始号码</source>
        <translation>First number</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>结束号码</source>
        <translation>Last number</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>登记交出</source>
        <translation>Hand over</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>接收人密码</source>
        <translation>Receiver&apos;s password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收人确认所选号段</source>
        <translation>Receiver confirms the selected range</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>请先在列表中选择一个号段</source>
        <translation>Select a range in the list first</translation>
    </message>
</context>
<context>
    <name>InvoiceTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/cash/models.py" line="+111"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>起始号码</source>
        <translation>First number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束号码</source>
        <translation>Last number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交出人</source>
        <translation>Handed by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收确认</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未确认</source>
        <translation>not confirmed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备注</source>
        <translation>Note</translation>
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
    <name>LogForm</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/form.py" line="+42"/>
        <source>（未填）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+74"/>
        <location line="+5"/>
        <source>未填</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>业务量情况：新装、套餐变更、缴费高峰等</source>
        <translation>Business volume: new lines, plan changes, payment peaks…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本情况</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>值班经理</source>
        <translation>Duty manager</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>天气</source>
        <translation>Weather</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>客流量（人）</source>
        <translation>Customer flow</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理业务（人）</source>
        <translation>Customers served</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>业务量情况</source>
        <translation>Business volume</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>在岗人员</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺勤人员</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>今日目标、政策变化及统一解释口径、昨日问题与投诉、表扬</source>
        <translation>Today&apos;s targets, policy changes and the agreed explanation, yesterday&apos;s issues and complaints, praise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>晨会</source>
        <translation>Morning meeting</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>时长</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>开始时间</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>参加人员</source>
        <translation>Attendees</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>晨会内容</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>客户意见和建议（需反馈的请注明）</source>
        <translation>Customer opinions and suggestions (mark those needing feedback)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>突发事件及处理情况</source>
        <translation>Incidents and how they were handled</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>交下一班注意事项</source>
        <translation>Notes for the next shift</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>意见、事件与交班</source>
        <translation>Opinions, incidents, hand-over</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>客户意见和建议</source>
        <translation>Customer opinions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>突发事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>⚠ 超过 {0} 分钟上限</source>
        <translation>⚠ over the {0}-minute limit</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>已更正 · 签字时原值：{0}</source>
        <translation>Amended · value when signed: {0}</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/log_page.py" line="+91"/>
        <source>签字确认…</source>
        <extracomment>A log was (re)loaded: the tab re-enables 保存 / 打印 / 导出.</extracomment>
        <translation>Sign off…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>更正…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>覆盖（保存我的内容）</source>
        <translation>Overwrite (save my text)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>采用对方内容</source>
        <translation>Use their text</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>更正记录</source>
        <translation>Amendments</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>{0} {1}（{2}–{3}）值班日志</source>
        <translation>Duty log {0} {1} ({2}–{3})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已签字：{0}，{1}</source>
        <translation>Signed by {0}, {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · 已更正 {0} 次</source>
        <translation> · amended {0} times</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>草稿（未签字）· 值班经理：{0} · 修改会自动保存</source>
        <translation>Draft (not signed) · duty manager: {0} · changes are saved automatically</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>此记录已在别处被修改：“{0}”已被{1}于 {2} 改为：{3}。您输入的内容仍保留在输入框中，尚未保存。请选择覆盖（保存您的内容）或采用对方内容。</source>
        <translation>This record was changed elsewhere: “{0}” was changed by {1} at {2} to: {3}. What you typed is still in the field and has not been saved. Choose Overwrite (save your text) or Use their text.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+17"/>
        <source>已保存 {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已自动保存 {0}</source>
        <translation>Autosaved {0}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>值班日志已签字</source>
        <translation>Duty log signed</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>更正已保存</source>
        <translation>Amendment saved</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../hallmanager/ui/login/login_dialog.py" line="+67"/>
        <source>登录 — 营业厅值班经理工作台</source>
        <extracomment>``done()`` code: the background open ended without a usable hall (error, setup needed).</extracomment>
        <translation>Log in — Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>营业厅值班经理工作台</source>
        <translation>Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+68"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>请输入登录名</source>
        <translation>Please enter the login name</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在登录…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hallmanager/ui/main_window.py" line="+158"/>
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
        <location line="+4"/>
        <source>操作(&amp;O)</source>
        <translation>&amp;Actions</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+120"/>
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
        <location line="+22"/>
        <source>今日：无超时事项</source>
        <translation>Today: nothing overdue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>今日：已超时 {0} 项 · 即将到期 {1} 项</source>
        <translation>Today: {0} overdue · {1} due soon</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>备份：状态未知</source>
        <translation>Backup: status unknown</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>备份：{0}</source>
        <translation>Backup: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（上次失败）</source>
        <translation> (last attempt failed)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>备份文件夹：{0}</source>
        <translation>Backup folder: {0}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>备份：正在备份…</source>
        <translation>Backup: backing up…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>自动备份失败：{0}</source>
        <translation>Automatic backup failed: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库已从备份恢复。请重新登录。</source>
        <translation>The database was restored from the backup. Please log in again.</translation>
    </message>
    <message>
        <location line="+25"/>
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
        <location line="+39"/>
        <source>尚未保存</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{0}”有尚未保存的修改，仍要退出吗？</source>
        <translation>&quot;{0}&quot; has unsaved changes. Quit anyway?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>以下内容无法保存，退出后将丢失：
{0}</source>
        <translation>This could not be saved and will be lost if you quit:
{0}</translation>
    </message>
</context>
<context>
    <name>MoneyEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="-74"/>
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
    <name>MonthTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/models.py" line="+14"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应出勤</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实出勤</source>
        <translation>Present</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>早退</source>
        <translation>Early</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>旷工</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺卡</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>违规</source>
        <translation>Violations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扣款</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已免除</source>
        <translation>Waived</translation>
    </message>
</context>
<context>
    <name>MonthTotalTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/cash/models.py" line="-25"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交接次数</source>
        <translation>Handovers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长款合计</source>
        <translation>Over</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>短款合计</source>
        <translation>Short</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>短款次数</source>
        <translation>Shortages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>净额</source>
        <translation>Net</translation>
    </message>
</context>
<context>
    <name>MovementDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="-206"/>
        <source>现金存取 {0}</source>
        <translation>Cash in/out {0}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>存入（备用金/零钱）</source>
        <translation>In (float / change)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取出（零星支出）</source>
        <translation>Out (petty expense)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>（不限营业员）</source>
        <translation>(no particular teller)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>事由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>MovementTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/cash/models.py" line="-22"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业员</source>
        <translation>Teller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
</context>
<context>
    <name>NewCountDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="-126"/>
        <source>新建款箱清点</source>
        <translation>New till count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始清点</source>
        <translation>Start counting</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交出人（营业员/值班经理）</source>
        <translation>Hands over (teller / duty manager)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>备用金</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业员交款：营业员 → 值班经理；交接班：值班经理 → 下一班值班经理。</source>
        <translation>Teller&apos;s takings: teller → duty manager; shift change: duty manager → next duty manager.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>尚未设置班次，请厅经理在“设置 → 班次”中添加</source>
        <translation>No shifts yet; the hall manager adds them under Settings → Shifts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择交出人和接收人</source>
        <translation>Choose who hands over and who receives</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>交出人和接收人不能是同一人</source>
        <translation>The giver and the receiver must be different people</translation>
    </message>
</context>
<context>
    <name>NotAvailableTab</name>
    <message>
        <location filename="../../hallmanager/ui/common/tab_page.py" line="+122"/>
        <source>该模块尚未开放</source>
        <extracomment>The registry name of the module this tab shows (``&quot;dutylog&quot;``): the 今日 page&apos;s targets name a module, and the window opens them in the tab with that name. Emit after changing ``can_*`` flags so the window re-enables its actions. A short message for the status bar (&quot;已保存&quot;, &quot;已导出到 …&quot;). Set to the page&apos;s SearchBox: the default ``find()`` focuses it and the window enables 查找 (Ctrl+F) whenever it is set, even with ``can_find`` False.</extracomment>
        <translation>Not yet available</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“{0}”将在后续版本中提供。目前没有数据，也不会显示示例数据。</source>
        <translation>&quot;{0}&quot; will come in a later version. There is no data yet, and no sample data is shown.</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/models.py" line="-21"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>记录人</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内容</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>OpenLogDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/dialogs.py" line="+11"/>
        <source>打开值班日志</source>
        <translation>Open duty log</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>尚未设置班次，请厅经理在“设置 → 班次”中添加</source>
        <translation>No shifts yet; the hall manager adds them under Settings → Shifts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未打开值班日志</source>
        <translation>The duty log was not opened</translation>
    </message>
</context>
<context>
    <name>OutgoingPanel</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/records.py" line="+25"/>
        <source>移交下一班的事项</source>
        <translation>Handed over to the next shift</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>添加交接事项…</source>
        <translation>Add item…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>未定</source>
        <translation>not yet known</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交给 {0} {1}（接班：{2}）</source>
        <translation>For {0} {1} (incoming: {2})</translation>
    </message>
</context>
<context>
    <name>PaperDialog</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/dialogs.py" line="-41"/>
        <source>纸质登记</source>
        <translation>Paper registration</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>办理业务的号码</source>
        <translation>The number served</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>例：补卡、缴费、套餐变更</source>
        <translation>e.g. SIM replacement, top-up, plan change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>收款金额，没有可不填</source>
        <translation>Amount taken; leave empty if none</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回电号码</source>
        <translation>Call-back number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户姓名</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务</source>
        <translation>Business</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额（元）</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>客户信息在列表、打印和导出中遮盖显示；系统恢复后逐条补录并标记。</source>
        <translation>Customer data is masked in lists, prints and exports; once the system is back, key each one in and mark it.</translation>
    </message>
</context>
<context>
    <name>PapersModel</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/models.py" line="-15"/>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>号码</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>业务</source>
        <translation>Business</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补录</source>
        <translation>Entered</translation>
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
    <name>PlanDialog</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/settings.py" line="-117"/>
        <source>新增预案</source>
        <translation>New plan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编辑预案</source>
        <translation>Edit plan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>停机期间做纸质登记（停电、系统故障类）</source>
        <translation>Register customers on paper during the outage (power cut, system failure)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每行一个步骤：内容 | 负责角色 | 备注（角色默认值班经理）。保存为新版本，已执行的记录保留原版本。</source>
        <translation>One step per line: text | role | note (role defaults to duty manager). Saved as a new version; past runs keep theirs.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前第 {0} 版</source>
        <translation>Current version {0}</translation>
    </message>
</context>
<context>
    <name>PlansModel</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/models.py" line="+35"/>
        <source>顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预案</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>步骤数</source>
        <translation>Steps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纸质登记</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
</context>
<context>
    <name>PlansSection</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/settings.py" line="+15"/>
        <location line="+100"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>只有厅经理可以修改应急预案。您当前只能查看。</source>
        <translation>Only the hall manager may change emergency plans. You can only view them.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>新增预案…</source>
        <translation>New plan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>恢复使用</source>
        <translation>Restore</translation>
    </message>
</context>
<context>
    <name>PlaybookDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/setup.py" line="+39"/>
        <location line="+18"/>
        <source>应对建议</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>只有厅经理可以修改应对建议。您当前只能查看。</source>
        <translation>Only the hall manager may change the playbook. You can only view it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存修改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>另存为新情形</source>
        <translation>Save as new situation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>请先在左侧选择一种情形</source>
        <translation>Select a situation on the left first</translation>
    </message>
</context>
<context>
    <name>PlaybookModel</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/models.py" line="+54"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情形</source>
        <translation>Situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应对建议</source>
        <translation>Playbook</translation>
    </message>
</context>
<context>
    <name>PlaybookPanel</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/register.py" line="+16"/>
        <source>应对建议</source>
        <translation>Playbook</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>选择客户情形</source>
        <translation>Choose the customer situation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择最接近的客户情形，这里显示接待要点。</source>
        <translation>Choose the closest customer situation to see how to handle it here.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>（不选）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/tab.py" line="+8"/>
        <source>工号、姓名或拼音首字母</source>
        <translation>Staff no., name or initials</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/register.py" line="+15"/>
        <source>登记投诉</source>
        <translation>Register complaint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登记（Ctrl+Enter）</source>
        <translation>Register (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>可不填；18 位身份证号</source>
        <translation>Optional; 18-character ID number</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VIP / 集团客户</source>
        <translation>VIP / group customer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>客户反映的问题（Tab 到下一项）</source>
        <translation>What the customer reports (Tab to the next field)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>工单号</source>
        <translation>Work order no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>客户姓名</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>联系电话</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>客户诉求</source>
        <translation>Customer&apos;s request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理人</source>
        <translation>Handler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>责任部门</source>
        <translation>Responsible department</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>客户情形与应对建议</source>
        <translation>Customer situation and advice</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tab 切换项目，Enter 或 Ctrl+Enter 登记。10086转派工单须填写工单号；处理时限按来源自动计算。</source>
        <translation>Tab moves between fields, Enter or Ctrl+Enter registers. 10086 transfers need the work order number; the deadline follows from the source.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>10086转派工单必填</source>
        <translation>Required for 10086 transfers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转派工单的工单号（可不填）</source>
        <translation>Work order number of a transfer (optional)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>此号码 {0} 天内已投诉 {1} 次：将记为重复投诉</source>
        <translation>This number complained {1} time(s) in the last {0} days: it will be a repeat complaint</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>客户声称升级（工信部、媒体等）：请优先处理，必要时请值班经理接待</source>
        <translation>The customer threatens to escalate (regulator, media…): handle first, with the duty manager if needed</translation>
    </message>
</context>
<context>
    <name>ReportOutput</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/output.py" line="+76"/>
        <source>正在生成交接班表…</source>
        <translation>Preparing the handover sheet…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>交接班表 — {0} {1}</source>
        <translation>Handover sheet — {0} {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>交接班表 {0} {1}</source>
        <translation>Handover sheet {0} {1}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在保存交接班表…</source>
        <translation>Saving the handover sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交接班表已保存到：
{0}</source>
        <translation>Handover sheet saved to:
{0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>导出营业日报</source>
        <translation>Export daily report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在导出营业日报…</source>
        <translation>Exporting the daily report…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业日报已导出到：
{0}</source>
        <translation>Daily report exported to:
{0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../hallmanager/ui/settings/users_section.py" line="+16"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>为 {0}（{1}）设置临时密码，对方下次登录时须修改。</source>
        <translation>Set a temporary password for {0} ({1}); they must change it at their next login.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>临时密码：</source>
        <translation>Temporary password:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>再次输入：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <location filename="../../hallmanager/ui/cash/dialogs.py" line="+31"/>
        <source>冲正款箱清点</source>
        <translation>Reverse a till count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>冲正</source>
        <translation>reverse it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>冲正第 {0} 号（{1} {2}，{3} → {4}，实收 {5}，{6}）。冲正后生成一条金额全部取负的冲正记录；如需更正，请再新建一次清点。</source>
        <translation>Reverse no. {0} ({1} {2}, {3} → {4}, received {5}, {6}). A reversing entry with every amount negated is created; to correct the count, start a new one.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>冲正原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>厅经理密码</source>
        <translation>Hall manager&apos;s password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写冲正原因</source>
        <translation>Please give the reason for the reversal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请输入您的密码</source>
        <translation>Please enter your password</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/roster.py" line="+165"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
</context>
<context>
    <name>RosterSection</name>
    <message>
        <location line="-48"/>
        <source>花名册</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以修改花名册。您当前只能查看。</source>
        <translation>Only the hall manager may change the roster. You can only view it.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新增员工…</source>
        <translation>Add staff…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>导入花名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>导入花名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>花名册 (*.csv *.xlsx);;所有文件 (*)</source>
        <translation>Roster (*.csv *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已导入：新增 {0}，更新 {1}，未变 {2}</source>
        <translation>Imported: {0} new, {1} updated, {2} unchanged</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/rules.py" line="+27"/>
        <source>扣款规则</source>
        <translation>Fine rules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存为新版本</source>
        <translation>Save as a new version</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当前生效：第 {0} 版（自 {1} 起）。保存后成为新版本，从所选日期起生效；已月结的月份不受影响。</source>
        <translation>In force: version {0} (from {1}). Saving makes a new version from the chosen date; closed months are not affected.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>生效日期</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>迟到档次（上限分钟 金额元）</source>
        <translation>Late tiers (up to minutes, yuan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>早退档次（上限分钟 金额元）</source>
        <translation>Early-leave tiers (up to minutes, yuan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>宽限</source>
        <translation>Grace</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}（元/次）</source>
        <translation>{0} (yuan each)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>每月请假超过（次）</source>
        <translation>Leave requests per month above</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请假超次扣款（元）</source>
        <translation>Fine for too many leave requests (yuan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改说明</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>档次示例：“30 50”表示 30 分钟以内（含）扣 50 元；最后一行写“- 200”表示超过上一档即扣 200 元。迟到 30:00 属第一档，30:01 属第二档。</source>
        <translation>Example: &quot;30 50&quot; means up to 30 minutes (inclusive) costs 50 yuan; a last line &quot;- 200&quot; means beyond the previous tier costs 200 yuan. 30:00 late is in the first tier, 30:01 in the second.</translation>
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
        <location filename="../../hallmanager/ui/settings/settings_tab.py" line="+50"/>
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
        <location line="+1"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../hallmanager/ui/tabs.py" line="+111"/>
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
        <location filename="../../hallmanager/ui/settings/shifts_section.py" line="+47"/>
        <source>新增班次</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编辑班次</source>
        <translation>Edit shift</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="-16"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>结束时间必须晚于开始时间</source>
        <translation>The end time must be after the start time</translation>
    </message>
</context>
<context>
    <name>ShiftTableModel</name>
    <message>
        <location line="-41"/>
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
        <location line="+49"/>
        <source>班次</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以修改班次。您当前只能查看。</source>
        <translation>Only the hall manager may change shifts. You can view them only.</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+10"/>
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
    <name>SignDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/signing.py" line="-118"/>
        <source>签字确认</source>
        <translation>Sign off</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>签字后本日志不能再修改，只能通过“更正”补充（须填写原因）。</source>
        <translation>After signing, the log can no longer be edited; corrections are amendments with a reason.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>我已了解以上提示，仍然签字</source>
        <translation>I have read the above and sign anyway</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>签字前请注意：</source>
        <translation>Before signing:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>签字人</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请先确认签字前的提示</source>
        <translation>Please confirm the warnings first</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请输入密码</source>
        <translation>Please enter your password</translation>
    </message>
</context>
<context>
    <name>SkipDialog</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/dialogs.py" line="-30"/>
        <source>跳过步骤</source>
        <translation>Skip step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>第 {0} 步：{1}</source>
        <translation>Step {0}: {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为什么跳过（必填）</source>
        <translation>Why it is skipped (required)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请填写跳过的原因</source>
        <translation>Give the reason for skipping</translation>
    </message>
</context>
<context>
    <name>SkipReasonDialog</name>
    <message>
        <location filename="../../hallmanager/ui/dutylog/dialogs.py" line="-121"/>
        <source>跳过流程项目</source>
        <translation>Skip checklist item</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>必填，例如：停电未开机</source>
        <translation>Required, e.g. power cut, systems not started</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跳过原因</source>
        <translation>Skip reason</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/roster.py" line="-94"/>
        <source>新增员工</source>
        <translation>Add staff</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>编辑员工</source>
        <translation>Edit staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>在职</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>周{0}</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>手机（可选）</source>
        <translation>Mobile (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入职日期</source>
        <translation>Hired</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>离职日期</source>
        <translation>Left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>固定休息日（排班）</source>
        <translation>Rest days (rota)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>日期格式 YYYY-MM-DD，可留空；工号在营业厅内唯一。不勾选休息日即按营业厅作息每个工作日上班。</source>
        <translation>Dates as YYYY-MM-DD, may be blank; staff numbers are unique in the hall. Without rest days the person works every working day of the hall.</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <location line="-58"/>
        <source>工号</source>
        <translation>Staff no.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拼音</source>
        <translation>Initials</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>岗位</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>入职日期</source>
        <translation>Hired</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离职日期</source>
        <translation>Left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在职</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>StartupFlow</name>
    <message>
        <location filename="../../hallmanager/commands/gui.py" line="+66"/>
        <source>营业厅值班经理工作台</source>
        <translation>Business Hall Duty Manager</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>数据库：%1
文件未被改动。</source>
        <translation>Database: %1
The file was not changed.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>确认那台电脑上的程序已经关闭后，可由厅经理在这里清除该锁。</source>
        <translation>Once you are sure the program on that computer has been closed, the hall manager can clear the lock here.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>厅经理清除锁…</source>
        <translation>Clear lock (hall manager)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>清除程序锁：请厅经理输入登录名和密码。</source>
        <translation>Clear the program lock: the hall manager enters user name and password.</translation>
    </message>
    <message>
        <location line="+249"/>
        <source>程序内部错误，刚才的操作没有完成（%1）。请记下操作步骤并联系维护人员。</source>
        <translation>Internal error: the last action was not completed (%1). Please note what you did and contact support.</translation>
    </message>
</context>
<context>
    <name>StatsTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/stats.py" line="-238"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>受理</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已答复</source>
        <translation>Replied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时答复</source>
        <translation>Replied on time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超时未答复</source>
        <translation>Overdue, not replied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访接通</source>
        <translation>Called back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访率</source>
        <translation>Call-back rate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>满意率</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>平均处理时长（小时）</source>
        <translation>Avg. handling (hours)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>重复投诉</source>
        <translation>Repeats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重复率</source>
        <translation>Repeat rate</translation>
    </message>
</context>
<context>
    <name>StepsModel</name>
    <message>
        <location filename="../../hallmanager/ui/emergency/models.py" line="-58"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>负责</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成情况</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>TextActionDialog</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/actions.py" line="-64"/>
        <source>{0}（Ctrl+Enter）</source>
        <translation>{0} (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>TillEditor</name>
    <message>
        <location filename="../../hallmanager/ui/cash/editor.py" line="+118"/>
        <source>现金清点（输入张数/枚数，回车下一项）</source>
        <translation>Cash count (type the pieces, Enter for the next)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+203"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location line="-196"/>
        <location line="+309"/>
        <source>如 1234.5、1,234.50、¥1234.50，全角数字亦可</source>
        <translation>e.g. 1234.5, 1,234.50, ¥1234.50; full-width digits accepted</translation>
    </message>
    <message>
        <location line="-305"/>
        <source>备用金</source>
        <translation>Opening float</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统应收（BOSS）</source>
        <translation>Receivable (BOSS)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+204"/>
        <source>现金合计</source>
        <translation>Cash total</translation>
    </message>
    <message>
        <location line="-203"/>
        <source>非现金合计</source>
        <translation>Non-cash total</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实收（现金 − 备用金 + 非现金）</source>
        <translation>Received (cash − float + non-cash)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长短款</source>
        <translation>Over/short</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>长短款说明（有差额时必填）</source>
        <translation>Explanation (required when there is a difference)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>双人确认（各自输入本人密码）</source>
        <translation>Two-person confirmation (each with their own password)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>交出人密码</source>
        <translation>Giver&apos;s password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认交出</source>
        <translation>Confirm hand-over</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>接收人密码</source>
        <translation>Receiver&apos;s password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认接收</source>
        <translation>Confirm receipt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>交出人</source>
        <translation>Handed by</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存清点</source>
        <translation>Save count</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退回重点…</source>
        <translation>Return for recount…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>复核…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>冲正…</source>
        <translation>Reverse…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>请选择或新建一个款箱清点（Ctrl+N）</source>
        <translation>Select a till count or start a new one (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>第 {0} 号 · {1} {2} · {3} → {4} · {5}</source>
        <translation>No. {0} · {1} {2} · {3} → {4} · {5}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（冲正第 {0} 号：{1}）</source>
        <translation> (reverses no. {0}: {1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（已由第 {0} 号冲正）</source>
        <translation> (reversed by no. {0})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · 已复核：{0}</source>
        <translation> · reviewed by {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · 大额短款待厅经理复核</source>
        <translation> · large shortage awaiting the hall manager&apos;s review</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>（无差额不必选）</source>
        <translation>(not needed without a difference)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+2"/>
        <source>已确认 {0}</source>
        <translation>confirmed {0}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>面额</source>
        <translation>Denomination</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>张/枚</source>
        <translation>Pieces</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>非现金：{0}</source>
        <translation>Non-cash: {0}</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>有长短款时必须选择原因并填写说明</source>
        <translation>A difference needs a reason and a note</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>已保存第 {0} 号款箱清点</source>
        <translation>Till count no. {0} saved</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>请输入{0}本人的密码</source>
        <translation>{0} must type their own password</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0} 已确认交出，请接收人 {1} 输入密码确认接收</source>
        <translation>{0} handed over; the receiver {1} now confirms with their password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交接完成：{0} → {1}，记录已锁定</source>
        <translation>Handover done: {0} → {1}; the record is locked</translation>
    </message>
</context>
<context>
    <name>TillTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/cash/models.py" line="-32"/>
        <source>单号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业员</source>
        <translation>Teller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（冲正）</source>
        <translation> (reversal)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>非现金</source>
        <translation>Non-cash</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>实收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>系统应收</source>
        <translation>Receivable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>长短款</source>
        <translation>Over/short</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>，待复核</source>
        <translation>, awaiting review</translation>
    </message>
</context>
<context>
    <name>TimeEdit</name>
    <message>
        <location filename="../../hallmanager/ui/common/editors.py" line="+101"/>
        <source>时间，24 小时制 HH:mm，例如 08:30</source>
        <translation>Time, 24-hour HH:mm, e.g. 08:30</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <location filename="../../hallmanager/ui/complaints/models.py" line="-39"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>TodayTab</name>
    <message>
        <location filename="../../hallmanager/ui/today/tab.py" line="+65"/>
        <source>双击或按 Enter 打开对应记录 · 每分钟自动刷新（F5 立即刷新）</source>
        <extracomment>``services.today.Target`` of the activated item; the main window jumps to it. (overdue, due soon) after each refresh: the main window&apos;s status bar shows them.</extracomment>
        <translation>Double-click or Enter opens the record · refreshed every minute (F5 now)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>目前没有需要处理的事项</source>
        <translation>Nothing needs attention right now</translation>
    </message>
    <message>
        <location filename="../../hallmanager/ui/tabs.py" line="-10"/>
        <location filename="../../hallmanager/ui/today/tab.py" line="+27"/>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../hallmanager/ui/today/tab.py" line="+18"/>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>当前班次：{0}</source>
        <translation>Current shift: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>当前班次：无</source>
        <translation>Current shift: none</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>一切正常。</source>
        <translation>All clear.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已超时 {0} 项 · 即将到期 {1} 项 · 提示 {2} 项</source>
        <translation>{0} overdue · {1} due soon · {2} info</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <location filename="../../hallmanager/ui/settings/users_section.py" line="-94"/>
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
        <location line="+94"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>只有厅经理可以管理用户。您当前只能查看。</source>
        <translation>Only the hall manager may manage users. You can view them only.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新增用户…</source>
        <translation>Add user…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+16"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
</context>
<context>
    <name>_LeaveDialog</name>
    <message>
        <location filename="../../hallmanager/ui/attendance/tab.py" line="+41"/>
        <source>登记请假</source>
        <translation>Record leave</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>开始日期</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束日期</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>_PunchFixDialog</name>
    <message>
        <location line="-36"/>
        <source>补卡</source>
        <translation>Missing punch</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打卡时间</source>
        <translation>Punch time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>_ViolationDialog</name>
    <message>
        <location line="+36"/>
        <source>登记违规</source>
        <translation>Record violation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>违规事项</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明（谁看到、经过）</source>
        <translation>Note (who saw it, what happened)</translation>
    </message>
</context>
<context>
    <name>_WaiveDialog</name>
    <message>
        <location line="+10"/>
        <source>免除扣款</source>
        <translation>Waive fine</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>扣款</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免除原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../../hallmanager/services/attendance/module.py" line="+19"/>
        <source>花名册</source>
        <translation>Staff roster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>排班</source>
        <translation>Rota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>作息时间</source>
        <translation>Timetables</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>节假日表</source>
        <translation>Holiday table</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扣款规则</source>
        <translation>Fine rules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打卡记录</source>
        <translation>Clock record</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>违规登记</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>扣款</source>
        <translation>Fine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考勤月结</source>
        <translation>Attendance month close</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../hallmanager/services/complaints/module.py" line="-28"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../hallmanager/services/complaints/module.py" line="+13"/>
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="-60"/>
        <source>初始化</source>
        <translation>Setup</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>免除</source>
        <translation>Waive</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>月结</source>
        <translation>Close month</translation>
    </message>
    <message>
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="+1"/>
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
        <location filename="../../hallmanager/services/dutylog/module.py" line="-29"/>
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
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="+1"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/dutylog/module.py" line="+1"/>
        <source>修复</source>
        <translation>Repair</translation>
    </message>
    <message>
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="+1"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示完整个人信息</source>
        <translation>Personal data shown in full</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location filename="../../hallmanager/services/dutylog/module.py" line="-16"/>
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
        <location filename="../../hallmanager/ui/settings/audit_section.py" line="+1"/>
        <source>交接班表</source>
        <translation>Handover sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>营业日报</source>
        <translation>Daily report</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/complaints/module.py" line="-19"/>
        <source>投诉</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉设置</source>
        <translation>Complaint settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>投诉应对建议</source>
        <translation>Complaint playbook</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>开始处理</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>答复客户</source>
        <translation>Reply to customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>升级</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新处理</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>等待客户</source>
        <translation>Wait for customer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复计时</source>
        <translation>Resume clock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>归档</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理记录</source>
        <translation>Handling note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转交处理人</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看完整个人信息</source>
        <translation>View personal data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查看完整列表</source>
        <translation>View full list</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/cash/module.py" line="+14"/>
        <source>款箱清点</source>
        <translation>Till count</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金存取</source>
        <translation>Cash in/out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日结解款</source>
        <translation>Day close and deposit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发票收据交接</source>
        <translation>Invoice/receipt handover</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>现金交接设置</source>
        <translation>Cash handover settings</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>交出确认</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>接收确认</source>
        <translation>Received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批量确认（演示数据）</source>
        <translation>Confirmed in bulk (demo data)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认失败</source>
        <translation>Confirmation failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回重点</source>
        <translation>Returned for recount</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>冲正</source>
        <translation>Reversed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>冲正失败</source>
        <translation>Reversal failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日结</source>
        <translation>Day closed</translation>
    </message>
    <message>
        <location filename="../../hallmanager/services/emergency/module.py" line="+14"/>
        <source>应急预案执行</source>
        <translation>Emergency run</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停机纸质登记</source>
        <translation>Outage paper registration</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急联系人</source>
        <translation>Emergency contacts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>启动应急预案</source>
        <translation>Start emergency plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成步骤</source>
        <translation>Step done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>跳过步骤</source>
        <translation>Skip step</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>应急备注</source>
        <translation>Emergency note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>补录进系统</source>
        <translation>Entered into BOSS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束应急预案</source>
        <translation>Finish emergency plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>写入默认预案</source>
        <translation>Default plans written</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改（新版本）</source>
        <translation>Edited (new version)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调整顺序</source>
        <translation>Reorder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用预案</source>
        <translation>Retire plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复预案</source>
        <translation>Restore plan</translation>
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
    <name>printing</name>
    <message>
        <location filename="../../hallmanager/ui/printing.py" line="+111"/>
        <source>无法读取打印文件：{0}</source>
        <extracomment>Raster resolution limit (dpi); 300 dpi is sharp for text on office printers.</extracomment>
        <translation>Cannot read the print file: {0}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>打印机无法开始打印，请检查打印机设置</source>
        <translation>The printer cannot start; please check the printer settings</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
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
        <location filename="../../hallmanager/commands/selftest.py" line="+359"/>
        <location filename="../../hallmanager/registry.py" line="+49"/>
        <source>值班日志</source>
        <translation>Duty log</translation>
    </message>
    <message>
        <location filename="../../hallmanager/registry.py" line="+5"/>
        <source>考勤与扣款</source>
        <translation>Attendance &amp; fines</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>现金交接</source>
        <translation>Cash handover</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>投诉登记</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>应急预案</source>
        <translation>Emergency plans</translation>
    </message>
</context>
<context>
    <name>workers</name>
    <message>
        <location filename="../../hallmanager/ui/workers.py" line="+86"/>
        <source>请稍候</source>
        <extracomment>Workers still running; keeps their Python objects (and signal emitters) alive.</extracomment>
        <translation>Please wait</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
