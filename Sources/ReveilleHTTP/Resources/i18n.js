// The page's two languages: 中文 and English, one at a time. The choice is kept per browser in
// localStorage "reveille.lang"; without one, navigator.language decides (zh… → 中文, else English).
// index.html marks translated elements with data-i18n="key" (text) or data-i18n-attr="attr:key;…".
// The service's error messages (English `field: rule`) are translated by translateError; a message
// it does not know is shown as the service wrote it.

export const LANG_KEY = 'reveille.lang';

const T = {
  // frame
  'brand.signin': ['叫醒与免打扰', 'Wake-up & DND'],
  'brand.reception': ['前台', 'Reception'],
  'signin.user': ['用户名', 'User name'],
  'signin.password': ['密码', 'Password'],
  'signin.withToken': ['改用令牌登录', 'Sign in with a token instead'],
  'signin.token': ['令牌', 'Access token'],
  'signin.submit': ['登录', 'Sign in'],
  'signin.enter': ['请输入用户名和密码', 'Please enter your user name and password'],
  'signin.expired': ['登录已过期或已失效，请重新登录。', 'Your session has ended — please sign in again.'],
  'signin.busy': ['正在登录…', 'Signing in…'],
  'signin.rejected': ['令牌无效或已失效，请重新登录。', 'Token not accepted — please sign in again.'],
  'signin.signedOut': ['已退出。', 'Signed out.'],
  'signin.elsewhere': ['已在其他窗口退出。', 'Signed out in another window.'],
  'chip.pending': ['待推送', 'Pending'],
  'chip.pending.title': ['等待推送到 PBX 的命令', 'Commands waiting to be pushed to the PBX'],
  'chip.failed': ['失败', 'Failed'],
  'chip.failed.title': ['推送失败的命令', 'Pushes that failed'],
  'chip.simulator': ['模拟器', 'Simulator'],
  'top.updated': ['更新', 'Updated'],
  'top.signout': ['退出', 'Sign out'],
  'top.signedInAs': ['当前用户', 'Signed in as'],
  'top.hotelTime': ['酒店时间', 'Hotel time'],
  'top.lastImport': ['上次导入', 'Last PMS import'],
  'offline': ['⚠ 网络中断，正在重试…', '⚠ Offline — cannot reach the Reveille server, retrying…'],
  'loading': ['加载中…', 'Loading…'],
  'none': ['无', 'None'],
  'tab.rooms': ['房间', 'Rooms'],
  'tab.night': ['叫醒清单', 'Wake-up list'],
  'tab.rules': ['免打扰规则', 'DND rules'],
  'rules.heading': ['客房部免打扰规则', 'Housekeeping DND rules'],
  'rules.none': ['暂无规则', 'No rules yet'],
  'rules.type': ['规则', 'Rule'],
  'rules.type.quietHours': ['安静时段', 'Quiet hours'],
  'rules.type.whileVacant': ['空房时', 'While vacant'],
  'rules.type.afterCheckIn': ['入住后若干小时', 'Hours after check-in'],
  'rules.from': ['从', 'From'],
  'rules.to': ['到', 'To'],
  'rules.hours': ['小时', 'Hours'],
  'rules.tags': ['标签', 'Tags'],
  'rules.occupancy': ['房态', 'Occupancy'],
  'rules.occ.any': ['全部', 'any'],
  'rules.occ.occupied': ['在住', 'occupied'],
  'rules.occ.vacant': ['空房', 'vacant'],
  'rules.occ.outOfOrder': ['维修', 'out of order'],
  'rules.enabled': ['启用', 'Switched on'],
  'rules.new': ['新规则', 'New rule'],
  'rules.create': ['新建规则', 'New rule'],
  'rules.editing': ['修改“{name}”', 'Editing “{name}”'],
  'rules.add': ['添加规则', 'Add rule'],
  'rules.save': ['保存修改', 'Save changes'],
  'rules.saved': ['✓ 已保存“{name}”', '✓ Saved “{name}”'],
  'rules.deleted': ['✓ 已删除“{name}”', '✓ Deleted “{name}”'],
  'rules.deleteWhat': ['规则“{name}”', 'the rule “{name}”'],
  'rules.nameNeeded': ['请填写名称', 'give the rule a name'],
  'rules.on': ['启用中', 'on'],
  'rules.off': ['已停用', 'off'],
  'rules.edit': ['修改', 'Edit'],
  'rules.enable': ['启用', 'Switch on'],
  'rules.disable': ['停用', 'Switch off'],
  'rules.delete': ['删除', 'Delete'],
  'rules.does.quiet': ['每晚 {from}–{to} 免打扰', 'DND every night {from}–{to}'],
  'rules.does.after': ['入住后 {n} 小时免打扰', 'DND for {n} hours after check-in', 'DND for {n} hour after check-in'],
  'rules.does.vacant': ['空房时免打扰', 'DND while vacant'],
  'rules.where.floors': ['{list} 楼', 'floors {list}'],
  'rules.where.tags': ['标签 {list}', 'tags {list}'],
  'rules.where.all': ['所有房间', 'every room'],
  'rules.covers': ['现在覆盖 {n} 间房：{rooms}', 'Covers {n} rooms now: {rooms}', 'Covers {n} room now: {rooms}'],
  'rules.conflicts': ['⚠ 落在其时段内的叫醒：{list}', '⚠ Wake-ups inside its hours: {list}'],

  // link
  'link.down': ['PBX 连接中断', 'PBX link down'],
  'link.hint': ['叫醒与免打扰暂时无法推送，恢复后会自动补发。', 'Wake-ups and DND cannot reach the PBX; they are pushed again when the link is back.'],
  'link.state.up': ['已连接', 'up'],
  'link.state.down': ['中断', 'down'],
  'link.state.connecting': ['连接中', 'connecting'],
  'link.state.loggingIn': ['登录中', 'logging in'],
  'link.state.stopped': ['已停止', 'stopped'],
  'link.chip.title': ['PBX 连接：{detail}', 'PBX link: {detail}'],
  'link.why.refused': ['无法连接到 PBX（地址或端口不通，或 PBX 未开机）。正在自动重试。', 'Cannot reach the PBX (address or port unreachable, or the PBX is off). Retrying automatically.'],
  'link.why.lost': ['与 PBX 的连接断开了。正在自动重连。', 'The connection to the PBX was lost. Reconnecting automatically.'],
  'link.why.heartbeat': ['PBX 没有回应心跳。正在重新连接。', 'The PBX stopped answering heartbeats. Reconnecting.'],
  'link.why.heartbeatRejected': ['PBX 不再保持会话。正在重新登录。', 'The PBX no longer holds the session. Logging in again.'],
  'link.why.login': ['PBX 拒绝登录：{message}。请检查 PBX 用户名和密码；5 分钟后重试。', 'The PBX refused the login: {message}. Check the PBX user and password; retrying in 5 minutes.'],
  'link.why.loginTimeout': ['PBX 没有回应登录。正在重试。', 'The PBX did not answer the login. Retrying.'],
  'link.why.protocol': ['PBX 发来无法识别的数据。正在重新连接。', 'The PBX sent something Reveille cannot read. Reconnecting.'],
  'link.why.connecting': ['正在连接 PBX…', 'Connecting to the PBX…'],
  'link.why.loggingIn': ['正在登录 PBX…', 'Logging in to the PBX…'],
  'link.why.stopped': ['PBX 连接已停止。', 'The PBX link is stopped.'],
  'link.why.other': ['与 PBX 的连接中断。正在自动重试。', 'The PBX link is down. Retrying automatically.'],
  'link.limits': ['旧式控制台接口（§6）无法发送全部设置（点击查看）', 'The console interface (§6) cannot send everything (click for the list)'],
  'link.detailTitle': ['详情：{detail}', 'Detail: {detail}'],

  // import line
  'import.none': ['无', 'none'],
  'import.applied': ['已应用', 'applied'],
  'import.held': ['已暂停', 'held'],
  'import.rejected': ['已拒绝', 'rejected'],
  'import.waiting': ['等待写入（数据库暂不可用，自动重试）', 'waiting to apply (the database is busy; retrying)'],
  'import.counts': ['入住 {in}，退房 {out}，换房 {moved}，更新 {changed}', 'in {in}, out {out}, moved {moved}, changed {changed}'],
  'import.bad': ['{n} 行有问题', '{n} bad rows', '{n} bad row'],
  'import.warnings': ['{n} 条提示（如语言无对应提示音）', '{n} warnings (e.g. a language without a prompt)', '{n} warning (e.g. a language without a prompt)'],
  'import.line': ['第 {line} 行：', 'line {line}:'],
  'import.exported': ['· 导出于 {ago}', '· exported {ago}'],
  'import.noExport': ['· ⚠ 没有导出文件', '· ⚠ no export file'],
  'import.stale': ['PMS 可能已停止导出：入住不会推送到 PBX', 'The PMS may have stopped exporting: check-ins do not reach the PBX'],
  'import.heldBanner': ['⚠ PMS 导入已暂停，需管理员批准：{summary}', '⚠ Import held for approval (an admin must approve): {summary}'],
  'ago.s': ['{n} 秒前', '{n} s ago'],
  'ago.min': ['{n} 分钟前', '{n} min ago'],
  'ago.h': ['{n} 小时前', '{n} h ago'],

  // rooms
  'rooms.heading': ['房间', 'Rooms'],
  'rooms.floor': ['楼层', 'Floor'],
  'rooms.allFloors': ['全部楼层', 'All floors'],
  'rooms.floorN': ['{n} 楼', 'Floor {n}'],
  'rooms.floorTitle': ['{n} 楼 · {occupied}/{total} 在住', 'Floor {n} · {occupied}/{total} occupied'],
  'rooms.search': ['搜索', 'Search'],
  'rooms.search.label': ['搜索房号或客人', 'Search room or guest'],
  'rooms.none': ['没有符合的房间', 'No room matches'],
  'legend.inSync': ['已同步', 'in sync'],
  'legend.pushing': ['推送中', 'pushing'],
  'legend.upcoming': ['待叫醒', 'upcoming'],
  'legend.answered': ['已接听', 'answered'],
  'legend.missed': ['未接听', 'missed'],
  'tile.inSync': ['已同步', 'In sync with the PBX'],
  'tile.pushing': ['推送中', 'Pushing to the PBX'],
  'tile.vacant': ['空房', 'Vacant'],
  'tile.ooo': ['停用', 'Out of order'],
  'tile.group': ['团队', 'group'],
  'tile.label.wakeup': ['叫醒 {times}', 'wake-up {times}'],
  'tile.label.answered': ['已接听 {times}', 'answered {times}'],
  'tile.label.missed': ['未接听 {times}', 'missed {times}'],
  'dnd.badge': ['免打扰', 'DND'],

  // detail
  'detail.empty': ['点击房间查看叫醒和免打扰', 'Tap a room to see its wake-ups and DND'],
  'detail.title': ['房间 {n}', 'Room {n}'],
  'detail.wakeups': ['叫醒', 'Wake-ups'],
  'detail.addToGroup': ['+ 加入团队叫醒', '+ Add to group wake-up'],
  'detail.floor': ['楼层 {v}', 'floor {v}'],
  'detail.ext': ['分机 {v}', 'ext. {v}'],
  'detail.wing': ['翼 {v}', 'wing {v}'],
  'detail.stay': ['入住 {a} · 退房 {d}', 'arrival {a} · departure {d}'],
  'detail.group': ['团队 {v}', 'group {v}'],
  'detail.ooo': ['停用', 'out of order'],
  'detail.last.answered': ['上次叫醒 {at} ✓ 已接听', 'last wake-up {at} ✓ answered'],
  'detail.last.unanswered': ['上次叫醒 {at} ✗ 未接听', 'last wake-up {at} ✗ not answered'],
  'detail.inSync': ['✓ 已同步', '✓ In sync'],
  'detail.pushing': ['⟳ 推送中', '⟳ Pushing'],
  'detail.confirmedAt': ['PBX 确认于 {at}', 'PBX confirmed at {at}'],
  'detail.notConfirmed': ['PBX 尚未确认', 'not confirmed by the PBX yet'],
  'detail.groupWakeUp': ['团队叫醒 {name} {at}', 'Group wake-up {name} {at}'],
  'cancel.ask': ['确定取消{what}吗？', 'Cancel {what}?'],
  'cancel.wakeUp': [' {room} 房 {time} 的叫醒', 'the {time} wake-up of room {room}'],
  'cancel.group': ['团队叫醒“{name}”（{time}）', 'the group wake-up “{name}” ({time})'],
  'cancel.undo': ['撤销', 'Undo'],
  'cancel.restored': ['✓ 已恢复', '✓ Restored'],
  'detail.cancel': ['取消', 'Cancel'],
  'detail.cancelled': ['✓ 已取消叫醒（{room}）', '✓ Wake-up cancelled ({room})'],
  'rec.once': ['仅一次 {date}', 'once {date}'],
  'rec.daily': ['每天 ×{days}', 'daily ×{days}'],
  'rec.from': [' 从 {from}', ' from {from}'],
  'rec.everyDay': ['每天', 'daily'],
  'rec.weekly': ['每周 {days}', 'weekly {days}'],
  'rec.until': [' 至 {until}', ' until {until}'],
  'rec.untilCheckout': [' 至退房', ' until check-out'],
  'wu.attempts': ['次数 {n}', 'attempts {n}'],
  'wu.every': ['每 {n} 分钟', 'every {n} min'],
  'wd.1': ['一', 'Mon'], 'wd.2': ['二', 'Tue'], 'wd.3': ['三', 'Wed'], 'wd.4': ['四', 'Thu'],
  'wd.5': ['五', 'Fri'], 'wd.6': ['六', 'Sat'], 'wd.7': ['日', 'Sun'],

  // DND
  'dnd.heading': ['免打扰', 'Do not disturb'],
  'dnd.set': ['免打扰至', 'DND until'],
  'dnd.cancel': ['取消免打扰', 'Cancel DND'],
  'dnd.until.label': ['免打扰结束时间 (H:mm)', 'DND until (H:mm)'],
  'dnd.on': ['免打扰中：{start} → {end}', 'DND on: {start} → {end}'],
  'dnd.off': ['免打扰未开启', 'DND off'],
  'dnd.enterEnd': ['请输入结束时间 H:mm', 'enter the end time H:mm'],
  'dnd.done': ['✓ 免打扰 {room} 至 {end}', '✓ DND {room} until {end}'],
  'dnd.doneCut': ['✓ 免打扰 {room} 至 {end}（{wake} 的叫醒结束免打扰；原定至 {asked}）', '✓ DND {room} until {end} (the {wake} wake-up ends it; asked until {asked})'],
  'dnd.rule': ['⚠ 此免打扰来自客房部规则，无时段可取消', '⚠ This DND comes from a housekeeping rule: no window to cancel here'],
  'dnd.cancelled': ['✓ 已取消免打扰（{room}）', '✓ DND cancelled ({room})'],

  // forms
  'wakeup.heading': ['叫醒预订', 'Book a wake-up'],
  'wakeup.submit': ['预订叫醒', 'Book wake-up'],
  'f.room': ['房间', 'Room'],
  'f.time': ['时间', 'Time'],
  'f.date': ['日期', 'Date'],
  'f.until': ['直到', 'Until'],
  'f.until.title': ['与每周一起使用；默认到退房', 'With weekdays; default: until check-out'],
  'f.optional': ['可选', 'optional'],
  'f.weekdays': ['每周', 'Weekdays'],
  'f.days': ['天数', 'Days'],
  'f.days.title': ['连续每天，共几天（未选每周时）', 'Daily for this many days (when no weekday is ticked)'],
  'f.attempts': ['次数', 'Attempts'],
  'f.attempts.title': ['响铃次数 1–10', 'Rings 1–10'],
  'f.frequency': ['间隔（分钟）', 'Minutes apart'],
  'f.frequency.title': ['重响间隔，分钟，≥ 5', 'Minutes between attempts, at least 5'],
  'f.default': ['默认', 'auto'],
  'f.name': ['名称', 'Name'],
  'f.name.placeholder': ['如 ABC 旅行团', 'e.g. Tour ABC'],
  'f.rooms': ['房间', 'Rooms'],
  'f.floors': ['楼层', 'Floors'],
  'f.code': ['或 团队代码', 'or booking group code'],
  'f.groupDate.title': ['可选；默认下一次', 'Optional; default: the next time it comes'],
  'f.acceptLate': ['接受迟到的房间', 'Accept late rooms'],
  'form.chooseRoom': ['请选择或输入房号', 'choose or type a room'],
  'form.enterTime': ['请输入时间 H:mm', 'enter a time H:mm'],
  'form.notInt': ['“{v}”不是整数', '"{v}" is not a whole number'],
  'form.mustInt': ['必须是整数', 'must be a whole number'],
  'form.notFloor': ['“{v}”不是楼层号', '"{v}" is not a floor number'],
  'form.booking': ['… 正在预订', '… Booking…'],
  'form.floorsName': ['楼层 {v}', 'floors {v}'],
  'wakeup.booked': ['✓ 已预订：{room} · 首次叫醒 ', '✓ Booked: {room} · first wake-up '],
  'dnd.conflict.ends': ['⚠ 叫醒在免打扰时段内：{list} — 免打扰在叫醒时结束，电话会响', '⚠ Wake-up inside DND: {list} — DND ends at the wake-up, so the phone rings'],
  'dnd.conflict.kept': ['⚠ 叫醒在免打扰时段内：{list} — 免打扰期间电话可能不会响', '⚠ Wake-up inside DND: {list} — the phone may not ring during DND'],
  'confirm.passed': ['{time} 就是现在或刚过去（酒店时间 {now}）。不填日期的话，会在明天 {tomorrow} {time} 叫醒。要订明天吗？', '{time} is now or just past (hotel time {now}). Without a date it rings tomorrow, {tomorrow} at {time}. Book it for tomorrow?'],
  'confirm.tomorrow': ['好，明天叫醒', 'Yes, tomorrow'],
  'confirm.change': ['修改时间', 'Change the time'],

  // groups
  'groups.heading': ['团队进度', 'Group progress'],
  'groups.none': ['暂无团队叫醒', 'No group wake-ups'],
  'group.heading': ['团队叫醒', 'Group wake-up'],
  'group.submit': ['预订团队叫醒', 'Book group wake-up'],
  'group.acceptResubmit': ['接受迟到并重新提交', 'Accept late rooms & book'],
  'group.pacing': ['推送间隔 1–2 秒（PBX 要求），400 间房约需 7–13 分钟。', 'Pushes go 1–2 s apart (the PBX requires it), so 400 rooms take 7–13 minutes.'],
  'group.booked': ['✓ 已预订“{name}”：{n} 间在住房', '✓ Booked “{name}”: {n} occupied rooms', '✓ Booked “{name}”: {n} occupied room'],
  'group.finish': ['预计推送完成 {at}（最晚 {latest}）', 'expected finish {at} (latest {latest})'],
  'group.first': ['首次叫醒 {at}', 'first wake-up {at}'],
  'group.lateAccepted': ['⚠ {n} 间房已接受迟到：{rooms}', '⚠ {n} late rooms accepted: {rooms}', '⚠ {n} late room accepted: {rooms}'],
  'group.late': ['⚠ {n} 间房会迟到：{rooms}', '⚠ {n} rooms would be late: {rooms}', '⚠ {n} room would be late: {rooms}'],
  'group.lateHint': ['请改晚一些，或勾选“接受迟到的房间”后重新提交。', 'Book a later time, or tick “Accept late rooms” and submit again.'],
  'group.wakeup': ['叫醒 {time}', 'wake-up {time}'],
  'group.rings': ['{n} 间在住房叫醒：{rooms}', '{n} occupied rooms ring: {rooms}', '{n} occupied room rings: {rooms}'],
  'group.requested': ['（所填 {rooms}，共 {n} 间）', '(listed {rooms}, {n} rooms)', '(listed {rooms}, {n} room)'],
  'group.code': ['团队代码 {code}', 'booking group {code}'],
  'group.ringsNone': ['现在没有在住的房间', 'no room of it has a guest in house now'],
  'group.progress': ['{pushed}/{total} 已推送，失败 {failed}', '{pushed}/{total} pushed, failed {failed}'],
  'group.queuing': [' — 排队中…', ' — queuing…'],
  'group.expected': ['，预计完成 {at}', ', expected finish {at}'],
  'group.waiting': ['，等待 {n}', ', waiting {n}'],
  'group.nothing': [' — 无需推送', ' — nothing to push'],
  'group.done': [' — ✓ 完成', ' — ✓ done'],
  'group.failedRooms': ['✗ 失败房间：{rooms}', '✗ Failed rooms: {rooms}'],
  'group.cancelled': ['✓ 已取消团队叫醒：{name}', '✓ Group wake-up cancelled: {name}'],

  // errors
  'err.network': ['✗ 网络中断，未完成，请重试', '✗ Network error — not done, try again'],
  'err.signin': ['✗ 请先登录', '✗ Please sign in'],
  'err.403': ['✗ 无权限：{rule}', '✗ Not allowed: {rule}'],
  'err.404': ['✗ 未找到：{rule}', '✗ Not found: {rule}'],
  'err.413': ['✗ 请求过大：{rule}', '✗ Too large: {rule}'],
  'err.other': ['✗ 错误 {status}：{rule}', '✗ Error {status}: {rule}'],

  // night view
  'night.title': ['叫醒清单 {from} 12:00 → {to} 12:00', 'Wake-ups {from} 12:00 → {to} 12:00'],
  'night.prev': ['前一晚', 'Previous night'],
  'night.next': ['后一晚', 'Next night'],
  'night.print': ['打印', 'Print'],
  'night.csv': ['下载 CSV', 'Download CSV'],
  'night.load': ['早间负荷（每 5 分钟开始的叫醒）', 'Morning load (wake-ups starting per 5 minutes)'],
  'night.load.bar': ['{from}–{to}：{n} 个叫醒', '{from}–{to}: {n} wake-ups', '{from}–{to}: 1 wake-up'],
  'night.load.capacity': ['虚线：交换机容量，每分钟 {n} 个。', 'Dashed line: the PBX\'s capacity, {n} per minute.', 'Dashed line: the PBX\'s capacity, 1 per minute.'],
  'night.load.busiest': ['最忙：{from}–{to}，{n} 个。', 'Busiest: {from}–{to}, {n} wake-ups.', 'Busiest: {from}–{to}, 1 wake-up.'],
  'night.load.over': ['红色：有一分钟超过容量，部分房间会晚响。', 'Red: a minute over capacity, some rooms ring late.'],
  'night.nextHour': ['下一小时', 'Next hour'],
  'night.nextHour.none': ['下一小时没有叫醒', 'No wake-up in the next hour'],
  'night.all': ['整晚（按时间）', 'The whole night, in time order'],
  'night.none': ['这一晚没有叫醒', 'No wake-up this night'],
  'night.source.occ': ['每个叫醒的结果由服务记录。', 'Every wake-up\'s outcome as the service recorded it.'],
  'night.source.fallback': ['服务尚无叫醒记录接口：清单由 PBX 的响铃报告和房间的下一次叫醒组成。', 'The service has no occurrence records yet: this list is built from the PBX\'s ring reports and the rooms\' next wake-ups.'],
  'night.attempts': ['响铃：{list}', 'rings: {list}'],
  'night.acked': ['已处理：{who} {action}', 'handled: {who} {action}'],
  'night.printTitle': ['叫醒清单 {from} 12:00 → {to} 12:00', 'Wake-up list {from} 12:00 → {to} 12:00'],
  'night.printMeta': ['打印于 {at}（酒店时间） · 共 {n} 个叫醒', 'Printed {at} (hotel time) · {n} wake-ups', 'Printed {at} (hotel time) · {n} wake-up'],
  'night.csvMissing': ['服务尚不能导出 CSV', 'The service cannot export CSV yet'],
  'night.personal': ['☎ 前台亲自致电', '☎ personal call'],
  'night.receptionOnly': ['☎ 仅前台致电（PBX 不响铃）', '☎ reception only (the PBX does not ring)'],
  'night.late': ['（迟响 {min} 分钟：PBX 当时无法接收）', ' (rang {min} min late: the PBX could not take it in time)'],
  'detail.language': ['语言：{lang} · 提示音：{prompt}', 'Language: {lang} · prompt: {prompt}'],
  'detail.noLanguage': ['语言未知 · 提示音：{prompt}', 'Language not known · prompt: {prompt}'],
  'prompt.default': ['默认', 'default'],
  'wu.prompt': ['提示音：{name}', 'prompt: {name}'],
  'detail.personal': ['每个叫醒由前台亲自致电（VIP）', 'Every wake-up is a personal call from reception (VIP)'],
  'detail.personal.on': ['此住客的叫醒都将由前台亲自致电', 'Reception will phone this guest at every wake-up'],
  'detail.personal.off': ['已取消前台亲自致电', 'Personal calls are off for this guest'],
  'wu.personal': ['前台亲自致电', 'personal call'],
  'wu.receptionOnly': ['仅前台致电', 'reception only'],
  'f.personal': ['前台亲自致电', 'Personal call from reception'],
  'f.receptionOnly': ['仅前台致电（不发送到 PBX）', 'Reception only (not sent to the PBX)'],
  'f.groupPersonal': ['前台亲自致电每间房', 'Personal call from reception to every room'],
  'lang.zh': ['中文', 'Chinese'],
  'lang.yue': ['粤语', 'Cantonese'],
  'lang.en': ['英语', 'English'],
  'lang.ja': ['日语', 'Japanese'],
  'lang.ko': ['韩语', 'Korean'],
  'lang.fr': ['法语', 'French'],
  'lang.de': ['德语', 'German'],
  'lang.es': ['西班牙语', 'Spanish'],
  'lang.ru': ['俄语', 'Russian'],
  'col.room': ['房间', 'Room'],
  'col.guest': ['客人', 'Guest'],
  'col.time': ['时间', 'Time'],
  'col.source': ['来源', 'Source'],
  'col.outcome': ['结果', 'Outcome'],
  'src.room': ['房间', 'room'],
  'src.group': ['团队', 'group'],
  'src.rule': ['规则', 'rule'],
  'src.unknown': ['—', '—'],
  'st.upcoming': ['待叫醒', 'upcoming'],
  'st.ringing': ['正在响铃', 'ringing'],
  'st.answered': ['已接听', 'answered'],
  'st.unanswered': ['未接听', 'not answered'],
  'st.notRung': ['未响铃', 'not rung'],
  'st.busy': ['占线', 'busy'],
  'st.suppressed': ['被抑制', 'suppressed'],
  'st.cancelled': ['已取消', 'cancelled'],
  'st.byReception': ['已交前台致电', 'handed to reception'],
  'st.checkedOut': ['已退房', 'checked out'],
  'st.callPending': ['待前台致电', 'call pending'],
  'st.due': ['到时，等待结果', 'due, waiting for the outcome'],

  // alerts
  'alerts.title': ['⚠ {n} 个叫醒需要处理', '⚠ Wake-ups that need attention: {n}'],
  'alerts.sound': ['🔇 点击页面任意处以开启提示音', '🔇 Click anywhere on the page to turn the alert sound on'],
  'alerts.kind.unanswered': ['未接听', 'Not answered'],
  'alerts.kind.notRung': ['PBX 未响铃', 'The PBX did not ring'],
  'alerts.kind.busy': ['占线', 'Busy'],
  'alerts.kind.suppressed': ['被抑制未响', 'Suppressed'],
  'alerts.kind.unconfirmedSoon': ['即将叫醒但 PBX 未确认', 'Due soon, not on the PBX'],
  'alerts.kind.personalCall': ['请现在致电房间（亲自叫醒）', 'Call the room now (personal call)'],
  'alerts.kind.late': ['迟响后已接听', 'Rang late, answered'],
  'alerts.kind.pushFailed': ['无法写入 PBX', 'Not accepted by the PBX'],
  'alerts.action': ['处理方式', 'What you did'],
  'alerts.note': ['备注', 'Note'],
  'alerts.ack': ['已处理', 'Acknowledge'],
  'alerts.show': ['展开处理 ▾', 'open ▾'],
  'alerts.hide': ['收起 ▴', 'close ▴'],
  'alerts.choose': ['— 选择做了什么 —', '— choose what you did —'],
  'alerts.actionNeeded': ['请先选择做了什么', 'Choose what you did first'],
  'alerts.noteNeeded': ['选择“其他”时请写明做了什么', 'With “other”, write what you did'],
  'alerts.act.called': ['已打电话到房间', 'called the room'],
  'alerts.act.went': ['已到房间', 'went to the room'],
  'alerts.act.up': ['客人已起床', 'guest already up'],
  'alerts.act.other': ['其他', 'other'],
  'alerts.raised': ['{at} 报警', 'raised {at}'],
};

// Field names in the service's errors.
const FIELDS = {
  room: ['房间', 'room'], time: ['时间', 'time'], date: ['日期', 'date'], days: ['天数', 'days'],
  weekdays: ['每周', 'weekdays'], until: ['直到', 'until'], attempts: ['次数', 'attempts'],
  frequency: ['间隔', 'frequency'], prompt: ['提示音', 'prompt'], name: ['名称', 'name'], rooms: ['房间', 'rooms'],
  floors: ['楼层', 'floors'], group: ['团队代码', 'group code'], members: ['成员', 'members'], from: ['开始', 'from'],
  body: ['请求', 'request'], id: ['编号', 'id'], token: ['令牌', 'token'], action: ['处理方式', 'action'], note: ['备注', 'note'],
  personal: ['前台亲自致电', 'personal call'], receptionOnly: ['仅前台致电', 'reception only'],
  personalCall: ['前台亲自致电', 'personal call'], stay: ['住客', 'stay'],
  user: ['用户名', 'user name'], password: ['密码', 'password'], displayName: ['姓名', 'name'], role: ['角色', 'role'],
};

// The service's errors and alerts by their stable codes (docs/API.md, "Error codes"): the page
// translates the code with its parameters and never reads the English sentence, which is shown
// as it is in English and kept as a tooltip. A code missing here falls back to that sentence.
/** "room 1208 (Mr Zhang)" of an alert message in Chinese. */
const whoZh = (p) => p.room + ' 房' + (p.guest ? '（' + p.guest + '）' : '');
const WHAT_ZH = {
  wakeUp: '叫醒', group: '团队叫醒', dnd: '免打扰时段', alert: '报警', stay: '住客', rule: '规则', room: '房间',
  heldImport: '待确认的导入', simulator: '内置模拟器', endpoint: '接口', account: '账号',
};
const EXPECTED_ZH = { string: '文字', integer: '整数', boolean: 'true 或 false', array: '列表', object: '对象' };

/** Code → Chinese text from its params. */
const ERRORS_ZH = {
  required: () => '必填',
  empty: () => '不能为空',
  tooManyBytes: (p) => '最多 ' + p.maximum + ' 字节（UTF-8，现有 ' + p.length + ' 字节）',
  guestAmbiguous: (p) => p.room + ' 房有 ' + p.count + ' 位客人，请指明预订号或客人',
  tooLong: (p) => '最多 ' + p.maximum + ' 个字符（现有 ' + p.length + ' 个）',
  controlCharacters: () => '不能包含换行或其他控制字符',
  tooShort: (p) => '至少 ' + p.minimum + ' 个字符（现有 ' + p.length + ' 个）',
  notAUserName: (p) => '只能包含 ' + p.allowed,
  outOfRange: (p) => '必须在 ' + p.minimum + ' 到 ' + p.maximum + (p.unit === 'minutes' ? ' 分钟之间' : p.unit === 'rooms' ? ' 间房之间' : ' 之间'),
  notOneOf: (p) => '“' + (p.value || '') + '”不是可选值：' + p.allowed,
  notATime: (p) => '“' + p.value + '”不是有效时间（H:mm）',
  notADate: (p) => '“' + p.value + '”不是有效日期（yyyy-MM-dd）',
  notADateTime: (p) => '“' + p.value + '”不是有效的日期时间或时间',
  notANumber: (p) => '“' + p.value + '”不是数字',
  wrongType: (p) => '必须是' + (EXPECTED_ZH[p.expected] || p.expected),
  notJSON: () => '请求不是 JSON 对象',
  dateOutOfSpan: (p) => p.value + ' 超出可接受范围：' + p.from + ' 至 ' + p.to,
  instantOutOfSpan: (p) => '必须在 ' + p.back + ' 天前到 ' + p.ahead + ' 天后之间',
  endNotAfterStart: (p) => p.start && /^\d{4}-/.test(p.start) ? '不能早于第一天 ' + p.start : '必须晚于开始时间',
  notInFuture: () => '必须是将来的时间',
  conflictingFields: (p) => p.other === 'weekdays' ? '不能与每周同时使用（二选一）' : '团队代码与房间/楼层只能选一种',
  needsOtherField: () => '只用于每周叫醒；每天叫醒请用天数',
  notAWeekday: (p) => p.value + ' 不是 1（周一）到 7（周日）',
  noWeekday: () => '请至少选一天',
  noWeekdayInSpan: (p) => p.from + ' 到 ' + p.to + ' 之间没有所选的星期',
  pbxFormat: (p) => '不符合交换机的格式（§4.4）：' + p.detail,
  doesNotBelong: (p) => '不属于规则类型 ' + p.type,
  unknownRoom: (p) => '本酒店没有房间 ' + p.room,
  noGuest: (p) => p.room + ' 房没有在住客人',
  roomOccupied: (p) => p.room + ' 房已有客人',
  stayCheckedOut: (p) => '住客 ' + p.stay + ' 已退房',
  bookingMismatch: (p) => '预订 ' + p.booking + ' 不在 ' + p.room + ' 房',
  sameRoom: () => '客人已在这个房间',
  afterDeparture: (p) => '在客人退房（' + p.departure + '）之前不会响铃',
  noRooms: () => '请填写房间、楼层或团队代码',
  noGuestInGroup: () => '这个团队没有在住的房间',
  noRoomInRange: (p) => p.range + ' 中没有本酒店的房间',
  noRoomOnFloor: (p) => p.floor + ' 楼没有房间',
  groupLate: (p) => p.total + ' 间房中有 ' + p.late + ' 间无法在首次叫醒（' + p.first + '）之前推送到 PBX（每间间隔 1–2 秒）；请改晚一些或接受迟到的房间',
  roomFull: (p) => p.room + ' 房将有 ' + p.count + ' 个叫醒；每房最多 ' + p.maximum + ' 个（请先取消一个）',
  minuteFull: (p) => p.minute + ' 已满：已有 ' + p.booked + ' 个叫醒，交换机每分钟只能开始 ' + p.capacity + ' 个，' + p.total + ' 间房中有 ' + p.late + ' 间最多会晚 ' + p.lateBy + ' 分钟响铃；最近的空闲时间：' + (p.free || '2 小时内没有'),
  duplicateWakeUp: (p) => p.room + ' 房已有 ' + p.time + ' 的同一叫醒（编号 ' + p.id + '）；请修改或取消那一个',
  unknownLanguage: (p) => '“' + p.value + '”不是已知的语言',
  userNameTaken: (p) => '用户名 ' + p.user + ' 已存在',
  badCredentials: () => '用户名或密码不正确',
  tooManyAttempts: (p) => '登录失败次数过多，请 ' + p.retryAfter + ' 秒后再试',
  crossSiteRequest: () => '请求缺少页面的 X-Reveille 标头（防跨站请求）',
  notFound: (p) => '没有' + (WHAT_ZH[p.what] || p.what) + (p.id ? ' ' + p.id : ''),
  alreadyAcknowledged: (p) => '已由 ' + p.by + ' 于 ' + String(p.at || '').replace('T', ' ').slice(0, 16) + ' 处理',
  unauthorized: () => '缺少或未知的令牌',
  forbidden: () => '当前角色无权进行此操作',
  badPath: () => '地址格式不正确',
  methodNotAllowed: (p) => '不支持 ' + p.method + '（可用：' + p.allowed + '）',
  bodyTooLarge: (p) => '请求超过 ' + p.maximum + ' 字节',
  storeUnavailable: () => '数据库暂时无法写入，未完成，请重发',
  busy: () => '数据库繁忙，未完成，请重试',
  internalError: () => '服务内部错误，请查看服务日志',
};

/** The clauses an alert may carry: rang late after an outage; a personal call's backup ring. */
const lateZh = (p) => (p.lateMinutes ? '，晚响 ' + p.lateMinutes + ' 分钟' : '')
  + (p.unreachableFrom ? '（交换机 ' + p.unreachableFrom + (p.unreachableUntil ? '–' + p.unreachableUntil : ' 起') + ' 无法连接）' : '')
  + (p.heldByPBX === 'true' ? '；交换机当时已有此叫醒，可能已按时响铃（断线期间无法得知）' : '')
  + (p.backupAt ? ' — 如未处理，交换机将在 ' + p.backupAt + ' 呼叫房间' : '');

/** Alert kind → Chinese text from its params. */
const ALERTS_ZH = {
  unanswered: (p) => whoZh(p) + ' ' + p.time + ' 的叫醒无人接听' + (p.attempts ? '（响铃 ' + p.attempts + ' 次）' : ''),
  notRung: (p) => whoZh(p) + ' ' + p.time + ' 的叫醒没有响铃：交换机没有发出振铃',
  busy: (p) => whoZh(p) + ' ' + p.time + ' 的叫醒每次都占线',
  suppressed: (p) => whoZh(p) + ' ' + p.time + ' 的叫醒到时未在交换机上，没有响铃',
  unconfirmedSoon: (p) => whoZh(p) + ' ' + p.time + ' 的叫醒将在 60 分钟内到时，交换机尚未确认',
  personalCall: (p) => '请现在致电 ' + whoZh(p) + '（叫醒时间 ' + p.time + '）',
  late: (p) => whoZh(p) + ' ' + p.time + ' 的叫醒已接听',
  // `time` holds the setting for this kind.
  pushFailed: (p) => whoZh(p) + '：交换机未接收其' + ({ alarmClock: '叫醒', name: '姓名', callClass: '呼叫权限', dnd: '免打扰' }[p.time] || p.time) + '设置' + (p.error ? '：' + p.error : ''),
};

/** The text of an error reply's detail ({code, params, rule}) in the current language: from the
 *  code in Chinese, the service's own sentence in English or for a code this page does not know. */
export function errorMessage(detail) {
  const d = detail || {};
  const f = lang === 'zh' ? ERRORS_ZH[d.code] : null;
  return f ? f(d.params || {}) : String(d.rule || d.code || '');
}

/** The text of an alert ({kind, params, message}) in the current language, the same way. */
export function alertMessage(alert) {
  const a = alert || {};
  const f = lang === 'zh' ? ALERTS_ZH[a.kind] : null;
  return f && a.params && a.params.room ? f(a.params) + lateZh(a.params) : String(a.message || '');
}

/** The error codes and alert kinds this page translates (the tests compare them with the service's). */
export const translatedCodes = { errors: Object.keys(ERRORS_ZH), alerts: Object.keys(ALERTS_ZH) };

function initial() {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch (e) { /* private mode */ }
  const nav = typeof navigator === 'undefined' ? '' : (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return /^zh\b/i.test(nav) ? 'zh' : 'en';
}

let lang = initial();
const listeners = [];

/** The current language: "zh" or "en". */
export function getLang() { return lang; }

/** The text of `key` in the current language, with {name} replaced from params. An entry's third
 *  text is English for exactly one (`params.n` 1: "1 warning", never "1 warnings"). */
export function t(key, params) {
  const entry = T[key];
  const one = lang !== 'zh' && entry && entry[2] !== undefined && params && Number(params.n) === 1;
  let text = entry ? entry[one ? 2 : lang === 'zh' ? 0 : 1] : key;
  if (params) text = text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined || params[name] === null ? whole : String(params[name])));
  return text;
}

/** Whether `key` has a text. */
export function has(key) { return Object.prototype.hasOwnProperty.call(T, key); }

/** Switches the language, remembers it and re-renders (listeners). */
export function setLang(next) {
  if (next !== 'zh' && next !== 'en') return;
  lang = next;
  try { localStorage.setItem(LANG_KEY, next); } catch (e) { /* still works for this tab */ }
  applyDocument();
  for (const f of listeners) f(next);
}

/** Calls f after every language switch. */
export function onLangChange(f) { listeners.push(f); }

/** Writes the texts of every data-i18n / data-i18n-attr element under root. */
export function applyDocument(root) {
  const scope = root || document;
  if (!root) {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = 'Reveille · ' + t('brand.reception');
    for (const b of document.querySelectorAll('.lang-btn')) b.setAttribute('aria-pressed', b.dataset.lang === lang ? 'true' : 'false');
  }
  for (const node of scope.querySelectorAll('[data-i18n]')) {
    const text = t(node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  for (const node of scope.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

/** A field name of the service's errors ("action.from" → its first part when unknown). */
export function fieldName(field) {
  if (!field) return '';
  const entry = FIELDS[field] || FIELDS[String(field).split(/[.[]/)[0]];
  return entry ? entry[lang === 'zh' ? 0 : 1] : String(field);
}
